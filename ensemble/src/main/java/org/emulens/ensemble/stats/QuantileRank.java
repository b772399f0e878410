package org.emulens.ensemble.stats;

/**
 * The one quantile definition shared by {@link QuantileSketch} and {@link ExactQuantiles}, so that a
 * sketch's error can be stated against, and tested on, exactly the value it estimates.
 */
final class QuantileRank {
    private QuantileRank() {
    }

    /**
     * The 1-based rank {@code max(1, ceil(q·n))} of the lower q-quantile of {@code n} values, with
     * {@code q·n} evaluated in double.
     *
     * @throws IllegalArgumentException unless {@code 0 <= q <= 1}
     */
    static long lowerRank(double q, long n) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("q: expected 0 <= q <= 1, found " + q);
        }
        long rank = (long) Math.ceil(q * n);
        return Math.max(1, Math.min(rank, n));
    }
}
