package org.emulens.ensemble.seasonal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Known answers, worked out by hand, for the streamed metrics on series whose shape is analytic. */
class SeasonMetricsTest {
    private static final int YEAR = 365;

    /** x(d) = -cos(2 pi (d - 1) / 365): below its mean of 0 until d - 1 < 91.25, above it until 273.75. */
    private static double oneSeason(int day) {
        return -Math.cos(2 * Math.PI * (day - 1) / YEAR);
    }

    @Test
    void onsetIsTheDayAfterTheLastBelowMeanDayAndCessationTheLastAboveMeanDay() {
        CumulativeAnomaly a = new CumulativeAnomaly(0.0, new AnalysisWindow(1, YEAR));
        for (int d = 1; d <= YEAR; d++) {
            a.accept(d, oneSeason(d));
        }
        // The anomaly falls while x < 0, i.e. through day 92 (d - 1 = 91 < 91.25); onset is day 93. It rises
        // while x > 0, through day 274 (d - 1 = 273 < 273.75): cessation is day 274.
        assertEquals(93.0, a.onset());
        assertEquals(274.0, a.cessation());
        assertEquals(182.0, a.length());
    }

    @Test
    void aStepSeriesGivesItsStepDays() {
        // Dry (0) for 100 days, wet (10) for 60, dry for the rest; mean 600/365.
        double[] x = new double[YEAR];
        for (int d = 101; d <= 160; d++) {
            x[d - 1] = 10;
        }
        SeasonClimatology c = SeasonClimatology.of(x, SeasonRules.dunning2016(1.0));
        assertEquals(600.0 / YEAR, c.mean(), 1e-12);
        assertEquals(List.of(new AnalysisWindow(51, 210)), c.windows(), "50 days either side of 101..160");
        MemberSeasonMetrics m = new MemberSeasonMetrics(c, SeasonRules.dunning2016(1.0));
        for (int d = 1; d <= YEAR; d++) {
            m.accept(d, x[d - 1], x[d - 1]);
        }
        assertEquals(101.0, m.value(SeasonMetric.ONSET));
        assertEquals(160.0, m.value(SeasonMetric.CESSATION));
        assertEquals(60.0, m.value(SeasonMetric.LENGTH));
        assertEquals(305.0, m.value(SeasonMetric.DRY_DAYS), "days below 1.0");
        assertEquals(205.0, m.value(SeasonMetric.LONGEST_DRY_SPELL), "days 161..365");
        assertTrue(Double.isNaN(m.value(SeasonMetric.ONSET_2)), "one season only");
    }

    @Test
    void aWindowIgnoresTheDaysOutsideIt() {
        // Rain on days 20..29 and 200..239; a window 150..300 sees only the second.
        CumulativeAnomaly a = new CumulativeAnomaly(1.0, new AnalysisWindow(150, 300));
        for (int d = 1; d <= YEAR; d++) {
            a.accept(d, (d >= 20 && d <= 29) || (d >= 200 && d <= 239) ? 5.0 : 0.0);
        }
        assertEquals(200.0, a.onset());
        assertEquals(239.0, a.cessation());
    }

    @Test
    void aSeriesThatOnlyFallsHasNoOnset() {
        CumulativeAnomaly a = new CumulativeAnomaly(1.0, new AnalysisWindow(1, 30));
        for (int d = 1; d <= 30; d++) {
            a.accept(d, 0.0);
        }
        assertTrue(Double.isNaN(a.onset()));
        assertTrue(Double.isNaN(a.cessation()));
        assertTrue(Double.isNaN(a.length()));
    }

    @Test
    void harmonicRatioOfAKnownMixture() {
        // 3 cos(2w) + 2 sin(w) + 7: amplitudes 2 and 3 exactly (the sums are over a whole period).
        AnnualHarmonics h = new AnnualHarmonics(YEAR);
        for (int d = 1; d <= YEAR; d++) {
            double w = 2 * Math.PI * (d - 1) / YEAR;
            h.accept(d, 3 * Math.cos(2 * w) + 2 * Math.sin(w) + 7);
        }
        assertEquals(2.0, h.amplitude(1), 1e-12);
        assertEquals(3.0, h.amplitude(2), 1e-12);
        assertEquals(1.5, h.ratio(), 1e-12);
        // cos(2w) is lowest where 2w = pi: d - 1 = 91.25, and half a year later.
        assertEquals(92.25, h.secondHarmonicTroughNear(100), 1e-9);
        assertEquals(274.75, h.secondHarmonicTroughNear(250), 1e-9);
    }

    @Test
    void twoSeasonsAreBimodalAndOneSeasonIsNot() {
        double[] two = new double[YEAR];
        double[] one = new double[YEAR];
        for (int d = 1; d <= YEAR; d++) {
            double w = 2 * Math.PI * (d - 1) / YEAR;
            two[d - 1] = 4 - 3 * Math.cos(2 * w) + 1 * Math.cos(w);   // ratio 3
            one[d - 1] = 4 - 3 * Math.cos(w) + 1 * Math.cos(2 * w);   // ratio 1/3
        }
        SeasonRules rules = SeasonRules.dunning2016(0);
        SeasonClimatology bimodal = SeasonClimatology.of(two, rules);
        SeasonClimatology unimodal = SeasonClimatology.of(one, rules);
        assertEquals(3.0, bimodal.harmonicRatio(), 1e-9);
        assertEquals(1.0 / 3, unimodal.harmonicRatio(), 1e-9);
        assertTrue(bimodal.bimodal());
        assertFalse(unimodal.bimodal());
        assertEquals(2, bimodal.windows().size());
        assertEquals(1, unimodal.windows().size());
        // -3 cos(2w) has its troughs at d = 1 and 183.5; the season is parted at the one nearest the middle,
        // rounded to day 184, and each window lies within its part.
        assertTrue(bimodal.windows().get(0).lastDay() <= 183, bimodal.windows().toString());
        assertTrue(bimodal.windows().get(1).firstDay() >= 184, bimodal.windows().toString());
        MemberSeasonMetrics m = new MemberSeasonMetrics(bimodal, rules);
        for (int d = 1; d <= YEAR; d++) {
            m.accept(d, two[d - 1], two[d - 1]);
        }
        assertTrue(m.value(SeasonMetric.ONSET) < m.value(SeasonMetric.CESSATION));
        assertTrue(m.value(SeasonMetric.CESSATION) < m.value(SeasonMetric.ONSET_2));
        assertTrue(m.value(SeasonMetric.ONSET_2) < m.value(SeasonMetric.CESSATION_2));
        assertEquals(3.0, m.value(SeasonMetric.HARMONIC_RATIO), 1e-9);
    }

    @Test
    void aCellWithoutASeasonalCycleHasNoWetSeason() {
        // Amplitude 0.02 in the annual harmonic: below a minimum of 0.03 there is no season, above 0.01 there is.
        double[] weak = new double[YEAR];
        for (int d = 1; d <= YEAR; d++) {
            weak[d - 1] = 0.05 - 0.02 * Math.cos(2 * Math.PI * (d - 1) / YEAR);
        }
        SeasonClimatology none = SeasonClimatology.of(weak, new SeasonRules(YEAR, 50, 1.0, 0.1, 0.03));
        assertFalse(none.seasonal());
        assertTrue(SeasonClimatology.of(weak, new SeasonRules(YEAR, 50, 1.0, 0.1, 0.01)).seasonal());
        MemberSeasonMetrics m = new MemberSeasonMetrics(none, new SeasonRules(YEAR, 50, 1.0, 0.1, 0.03));
        for (int d = 1; d <= YEAR; d++) {
            m.accept(d, weak[d - 1], weak[d - 1]);
        }
        assertTrue(Double.isNaN(m.value(SeasonMetric.ONSET)) && Double.isNaN(m.value(SeasonMetric.LENGTH)));
        assertEquals(YEAR, m.value(SeasonMetric.DRY_DAYS), "dry days are still counted");
    }

    @Test
    void drySpellsCountRunsAndNanBreaksThem() {
        DrySpells s = new DrySpells(0.1);
        for (double v : new double[] {0.05, 0.05, 0.2, 0.0, 0.0, 0.0, Double.NaN, 0.0, 0.1, 0.09999}) {
            s.accept(v);
        }
        assertEquals(7, s.dryDays());
        assertEquals(3, s.longestSpell());
    }
}
