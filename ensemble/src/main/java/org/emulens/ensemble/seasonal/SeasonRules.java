package org.emulens.ensemble.seasonal;

/**
 * The choices behind the seasonal metrics.
 *
 * @param yearLength days in the annual cycle that the harmonics are taken over (365)
 * @param marginDays days before the climatological onset and after the climatological cessation that each
 *     member's analysis window reaches (50 in Dunning, Black and Allan 2016)
 * @param bimodalRatio harmonic ratio above which a cell has two wet seasons (1.0 in the paper)
 * @param dryThreshold a day is dry when its value is strictly below this
 * @param minAmplitude a cell whose climatological annual and half-yearly harmonics both have a smaller amplitude
 *     has no seasonal cycle to speak of (a desert, say) and no wet season; 0 keeps every cell
 */
public record SeasonRules(int yearLength, int marginDays, double bimodalRatio, double dryThreshold,
        double minAmplitude) {

    public SeasonRules {
        if (yearLength < 4) {
            throw new IllegalArgumentException("year length must be >= 4 days, found " + yearLength);
        }
        if (marginDays < 0) {
            throw new IllegalArgumentException("margin must be >= 0 days, found " + marginDays);
        }
        if (!(bimodalRatio > 0)) {
            throw new IllegalArgumentException("bimodal harmonic ratio must be > 0, found " + bimodalRatio);
        }
        if (Double.isNaN(dryThreshold)) {
            throw new IllegalArgumentException("dry-day threshold must be a number, found NaN");
        }
        if (!(minAmplitude >= 0)) {
            throw new IllegalArgumentException("minimum amplitude must be >= 0, found " + minAmplitude);
        }
    }

    /** The paper's choices (365-day year, 50-day margins, ratio 1.0) with the given dry-day threshold. */
    public static SeasonRules dunning2016(double dryThreshold) {
        return new SeasonRules(365, 50, 1.0, dryThreshold, 0);
    }
}
