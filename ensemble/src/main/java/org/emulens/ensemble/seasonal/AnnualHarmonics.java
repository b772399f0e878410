package org.emulens.ensemble.seasonal;

/**
 * The first two harmonics of the annual cycle of a daily series, streamed, and their ratio: the amplitude of
 * the second (half-yearly) harmonic over that of the first (yearly). Dunning, Black and Allan (2016) take a
 * ratio above 1.0 as the mark of two wet seasons a year.
 *
 * <p>The Fourier sums {@code sum x(d) cos(2 pi k d / P)} and the sines, for k = 1, 2, are kept as they come:
 * four numbers whatever the season's length. The ratio is defined only over a whole year ({@code P} days).
 */
public final class AnnualHarmonics {
    private final int yearLength;
    private final double[] cos = new double[2];
    private final double[] sin = new double[2];
    private int days;

    public AnnualHarmonics(int yearLength) {
        if (yearLength < 4) {
            throw new IllegalArgumentException("year length must be >= 4 days, found " + yearLength);
        }
        this.yearLength = yearLength;
    }

    /** The value of day {@code day} (1-based); the phase origin is day 1. */
    public void accept(int day, double value) {
        double phase = 2 * Math.PI * (day - 1) / yearLength;
        for (int k = 0; k < 2; k++) {
            cos[k] += value * Math.cos((k + 1) * phase);
            sin[k] += value * Math.sin((k + 1) * phase);
        }
        days++;
    }

    /** Amplitude of harmonic {@code k} (1 or 2), in the units of the series. */
    public double amplitude(int k) {
        return 2 * Math.hypot(cos[k - 1], sin[k - 1]) / days;
    }

    /** Second-harmonic amplitude over first; NaN unless exactly one year of days was accepted. */
    public double ratio() {
        if (days != yearLength) {
            return Double.NaN;
        }
        return amplitude(2) / amplitude(1);
    }

    /**
     * The day (1-based, possibly fractional) of the trough of the second harmonic nearest to {@code day}: where
     * the half-yearly cycle is lowest, a natural place to part two wet seasons.
     */
    public double secondHarmonicTroughNear(double day) {
        double phase = Math.atan2(sin[1], cos[1]);
        double halfYear = yearLength / 2.0;
        // a2 cos(2w(d-1)) + b2 sin(2w(d-1)) = R cos(2w(d-1) - phase), lowest where 2w(d-1) - phase = pi (mod 2 pi).
        double trough = 1 + (phase + Math.PI) / (2 * Math.PI) * halfYear;
        double k = Math.rint((day - trough) / halfYear);
        return trough + k * halfYear;
    }
}
