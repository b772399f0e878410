package org.emulens.ensemble.sensitivity;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.emulens.ensemble.design.SplitMix64Uniforms;
import org.emulens.ensemble.design.UnitUniforms;

/**
 * How to put confidence intervals on estimated indices: recompute each estimate on {@link #resamples()} resamples
 * of the base points drawn with replacement, and report the half-width {@code z * sd} of a normal-approximation
 * interval at {@link #confidenceLevel()}, where sd is the standard deviation (n - 1 denominator) of the resampled
 * estimates and {@code z} the standard normal quantile at {@code (1 + level) / 2}. This is SALib's {@code *_conf}.
 * Resample b takes base point {@code floor(n * u(k, b))} as its k-th member, from seeded, addressable uniforms, so
 * intervals are reproducible. Immutable.
 *
 * <p>The bootstrap treats base points as independent; for quasi-random (Sobol') bases the intervals are therefore
 * conservative.
 */
public final class Bootstrap {
    /** SALib's defaults. */
    public static final int DEFAULT_RESAMPLES = 100;
    public static final double DEFAULT_CONFIDENCE_LEVEL = 0.95;

    private final int resamples;
    private final double confidenceLevel;
    private final long seed;
    private final double zScore;

    private Bootstrap(int resamples, double confidenceLevel, long seed) {
        this.resamples = resamples;
        this.confidenceLevel = confidenceLevel;
        this.seed = seed;
        this.zScore = NormalDistribution.of(0, 1).inverseCumulativeProbability(0.5 + confidenceLevel / 2);
    }

    /**
     * @param resamples at least 2, so that a standard deviation exists
     * @param confidenceLevel in (0, 1)
     */
    public static Bootstrap of(int resamples, double confidenceLevel, long seed) {
        if (resamples < 2) {
            throw new IllegalArgumentException("bootstrap resamples must be >= 2, found " + resamples);
        }
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), found " + confidenceLevel);
        }
        return new Bootstrap(resamples, confidenceLevel, seed);
    }

    /** {@value #DEFAULT_RESAMPLES} resamples at level {@value #DEFAULT_CONFIDENCE_LEVEL}. */
    public static Bootstrap defaults(long seed) {
        return of(DEFAULT_RESAMPLES, DEFAULT_CONFIDENCE_LEVEL, seed);
    }

    public int resamples() {
        return resamples;
    }

    public double confidenceLevel() {
        return confidenceLevel;
    }

    public long seed() {
        return seed;
    }

    /** The standard normal quantile at {@code (1 + level) / 2}: 1.95996... for 0.95. */
    public double zScore() {
        return zScore;
    }

    /** The indices, into {@code 0 .. n-1}, of the n members of resample {@code b}. */
    int[] resample(int b, int n) {
        UnitUniforms u = SplitMix64Uniforms.seeded(seed);
        int[] index = new int[n];
        for (int k = 0; k < n; k++) {
            index[k] = Math.min((int) (u.uniform(k, b) * n), n - 1);
        }
        return index;
    }

    /** {@code z * sd} of the resampled estimates. */
    double halfWidth(double[] estimates) {
        double mean = 0;
        for (double e : estimates) {
            mean += e;
        }
        mean /= estimates.length;
        double sumSquares = 0;
        for (double e : estimates) {
            sumSquares += (e - mean) * (e - mean);
        }
        return zScore * Math.sqrt(sumSquares / (estimates.length - 1));
    }

    @Override
    public String toString() {
        return "Bootstrap[resamples=" + resamples + ", confidenceLevel=" + confidenceLevel + ", seed=" + seed + "]";
    }
}
