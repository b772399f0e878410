package org.emulens.ensemble.seasonal;

import java.util.List;

/**
 * What a cell's climatological daily series says before any member is run: its mean daily value (the
 * {@code xbar} of the cumulative anomaly), its harmonic ratio, whether it has one wet season or two, and the
 * analysis window of each.
 *
 * <p>After Dunning, Black and Allan (2016): the climatological onset and cessation come from the cumulative
 * anomaly of the climatological series, and each member's window runs from {@code marginDays} before the
 * climatological onset to {@code marginDays} after the climatological cessation, within the season. Where the
 * harmonic ratio exceeds the threshold the season is parted at the trough of the half-yearly harmonic nearest
 * its middle and each part is analysed as one wet season. (The paper analyses the two seasons of a biannual
 * regime separately; parting them at that trough is this implementation's choice for a single simulated
 * year, and needs a whole year of days. A season shorter or longer than a year is always one season.)
 *
 * <p>A cell whose climatological harmonics are both weaker than {@link SeasonRules#minAmplitude()} has no wet
 * season (no windows), as the paper leaves out regions with too little rain for a season to be defined.
 */
public final class SeasonClimatology {
    private final double mean;
    private final double harmonicRatio;
    private final List<AnalysisWindow> windows;

    private SeasonClimatology(double mean, double harmonicRatio, List<AnalysisWindow> windows) {
        this.mean = mean;
        this.harmonicRatio = harmonicRatio;
        this.windows = windows;
    }

    /** From the climatological value of each day of the season, {@code series[0]} being day 1. */
    public static SeasonClimatology of(double[] series, SeasonRules rules) {
        int days = series.length;
        if (days < 2) {
            throw new IllegalArgumentException("a season needs at least 2 days, found " + days);
        }
        double sum = 0;
        for (int i = 0; i < days; i++) {
            if (!Double.isFinite(series[i])) {
                throw new IllegalArgumentException("climatological series: day " + (i + 1)
                        + " is not a finite number (" + series[i] + ")");
            }
            sum += series[i];
        }
        double mean = sum / days;
        AnnualHarmonics harmonics = new AnnualHarmonics(rules.yearLength());
        for (int i = 0; i < days; i++) {
            harmonics.accept(i + 1, series[i]);
        }
        double ratio = harmonics.ratio();
        if (Math.max(harmonics.amplitude(1), harmonics.amplitude(2)) < rules.minAmplitude()) {
            return new SeasonClimatology(mean, ratio, List.of());
        }
        if (ratio > rules.bimodalRatio()) {
            int split = (int) Math.round(harmonics.secondHarmonicTroughNear((days + 1) / 2.0));
            split = Math.max(2, Math.min(days, split));
            return new SeasonClimatology(mean, ratio, List.of(
                    window(series, mean, new AnalysisWindow(1, split - 1), rules.marginDays()),
                    window(series, mean, new AnalysisWindow(split, days), rules.marginDays())));
        }
        return new SeasonClimatology(mean, ratio,
                List.of(window(series, mean, new AnalysisWindow(1, days), rules.marginDays())));
    }

    private static AnalysisWindow window(double[] series, double mean, AnalysisWindow part, int margin) {
        CumulativeAnomaly climatology = new CumulativeAnomaly(mean, part);
        for (int day = part.firstDay(); day <= part.lastDay(); day++) {
            climatology.accept(day, series[day - 1]);
        }
        double onset = climatology.onset();
        double cessation = climatology.cessation();
        if (Double.isNaN(onset) || Double.isNaN(cessation)) {
            return part;
        }
        return new AnalysisWindow(Math.max(part.firstDay(), (int) onset - margin),
                Math.min(part.lastDay(), (int) cessation + margin));
    }

    public double mean() {
        return mean;
    }

    /** Second-harmonic amplitude over first; NaN unless the season is one year long. */
    public double harmonicRatio() {
        return harmonicRatio;
    }

    public boolean bimodal() {
        return windows.size() == 2;
    }

    /** False where the cell has no seasonal cycle strong enough to define a wet season. */
    public boolean seasonal() {
        return !windows.isEmpty();
    }

    /** One window per wet season, in order: one, two for a bimodal cell, none without a seasonal cycle. */
    public List<AnalysisWindow> windows() {
        return windows;
    }
}
