package org.emulens.ensemble.seasonal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The first two harmonics of the annual cycle of a daily series, streamed, and their ratio: the amplitude of
 * the second (half-yearly) harmonic over that of the first (yearly). Dunning, Black and Allan (2016) take a
 * ratio above 1.0 as the mark of two wet seasons a year.
 *
 * <p>The Fourier sums {@code sum x(d) cos(2 pi k d / P)} and the sines, for k = 1, 2, are kept as they come:
 * four numbers whatever the season's length. The ratio is defined only over a whole year ({@code P} days).
 */
public final class AnnualHarmonics {
    /** cos and sin of k times the phase of each day of the year, k = 1, 2: shared, so members skip the trig. */
    private static final Map<Integer, double[][]> BASES = new ConcurrentHashMap<>();

    private final int yearLength;
    private final double[][] basis;
    private final double[] cos = new double[2];
    private final double[] sin = new double[2];
    private int days;

    public AnnualHarmonics(int yearLength) {
        if (yearLength < 4) {
            throw new IllegalArgumentException("year length must be >= 4 days, found " + yearLength);
        }
        this.yearLength = yearLength;
        this.basis = BASES.computeIfAbsent(yearLength, AnnualHarmonics::basis);
    }

    private static double[][] basis(int yearLength) {
        double[][] b = new double[4][yearLength];
        for (int i = 0; i < yearLength; i++) {
            double phase = 2 * Math.PI * i / yearLength;
            for (int k = 0; k < 2; k++) {
                b[2 * k][i] = Math.cos((k + 1) * phase);
                b[2 * k + 1][i] = Math.sin((k + 1) * phase);
            }
        }
        return b;
    }

    /** The value of day {@code day} (1-based); the phase origin is day 1. */
    public void accept(int day, double value) {
        // Days past a year wrap round; they only matter to amplitudes, the ratio being undefined then.
        int i = Math.floorMod(day - 1, yearLength);
        for (int k = 0; k < 2; k++) {
            cos[k] += value * basis[2 * k][i];
            sin[k] += value * basis[2 * k + 1][i];
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
