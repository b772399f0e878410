package org.emulens.ensemble.seasonal;

import java.util.List;

/**
 * The metrics of one member through one season, fed a day at a time: a cumulative anomaly per wet season
 * of the cell, the annual harmonics and the dry spells. Its state is a fixed handful of numbers, so a
 * member costs the same memory whatever the season's length.
 */
public final class MemberSeasonMetrics {
    private final CumulativeAnomaly[] seasons;
    private final AnnualHarmonics harmonics;
    private final DrySpells dry;

    public MemberSeasonMetrics(SeasonClimatology climatology, SeasonRules rules) {
        List<AnalysisWindow> windows = climatology.windows();
        this.seasons = new CumulativeAnomaly[windows.size()];
        for (int i = 0; i < seasons.length; i++) {
            seasons[i] = new CumulativeAnomaly(climatology.mean(), windows.get(i));
        }
        this.harmonics = new AnnualHarmonics(rules.yearLength());
        this.dry = new DrySpells(rules.dryThreshold());
    }

    /**
     * Day {@code day} (1-based, in order): {@code seasonValue} feeds onset, cessation and the harmonics,
     * {@code dryValue} the dry days (they may be the same variable or two).
     */
    public void accept(int day, double seasonValue, double dryValue) {
        for (CumulativeAnomaly s : seasons) {
            s.accept(day, seasonValue);
        }
        harmonics.accept(day, seasonValue);
        dry.accept(dryValue);
    }

    /** The value of {@code metric}; NaN where it is undefined (no second season, no onset found). */
    public double value(SeasonMetric metric) {
        return switch (metric) {
            case ONSET -> seasons.length > 0 ? seasons[0].onset() : Double.NaN;
            case CESSATION -> seasons.length > 0 ? seasons[0].cessation() : Double.NaN;
            case LENGTH -> seasons.length > 0 ? seasons[0].length() : Double.NaN;
            case ONSET_2 -> seasons.length > 1 ? seasons[1].onset() : Double.NaN;
            case CESSATION_2 -> seasons.length > 1 ? seasons[1].cessation() : Double.NaN;
            case LENGTH_2 -> seasons.length > 1 ? seasons[1].length() : Double.NaN;
            case HARMONIC_RATIO -> harmonics.ratio();
            case DRY_DAYS -> dry.dryDays();
            case LONGEST_DRY_SPELL -> dry.longestSpell();
        };
    }
}
