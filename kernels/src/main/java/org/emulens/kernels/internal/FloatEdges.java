package org.emulens.kernels.internal;

import java.util.function.DoublePredicate;

/**
 * Float thresholds that make a float comparison on the device decide exactly what the double-precision
 * statistics of the ensemble module decide for the same float value. Each test there ({@code value >= lo},
 * {@code FixedBinHistogram}'s bin index {@code >= i}, {@code value > threshold}) is monotone in the value,
 * and every step is correctly rounded, so the floats that pass it are exactly those at or above the
 * smallest float that passes; that float is found by bisection over the ordered floats. The device then
 * needs only {@code v >= edge}, with no doubles and no rounding of its own.
 */
public final class FloatEdges {
    /** Returned when no float passes: {@code v >= NaN} is false for every v. */
    static final float NONE = Float.NaN;

    private FloatEdges() {
    }

    /**
     * {@code bins + 1} edges for {@code FixedBinHistogram(lo, hi, bins)}: the number of edges {@code <= v} is
     * 0 for underflow, {@code 1 + binIndex} inside and {@code bins + 1} for overflow.
     */
    public static float[] histogram(double lo, double hi, int bins) {
        float[] edges = new float[bins + 1];
        edges[0] = smallestPassing(v -> v >= lo);
        float upper = smallestPassing(v -> v >= hi);
        for (int i = 1; i < bins; i++) {
            int bin = i;
            // FixedBinHistogram's binning, for values in [lo, hi); beyond hi the bin is irrelevant.
            float edge = smallestPassing(v -> v >= hi || (v >= lo
                    && Math.min((int) ((v - lo) / (hi - lo) * bins), bins - 1) >= bin));
            edges[i] = edge;
        }
        edges[bins] = upper;
        return edges;
    }

    /** For each threshold t, the smallest float v with {@code (double) v > t}, or NaN if none. */
    public static float[] exceedance(double[] thresholds) {
        float[] edges = new float[thresholds.length];
        for (int i = 0; i < thresholds.length; i++) {
            double t = thresholds[i];
            edges[i] = smallestPassing(v -> v > t);
        }
        return edges;
    }

    /** The smallest non-NaN float whose double value passes {@code test}, monotone from −∞ to +∞. */
    static float smallestPassing(DoublePredicate test) {
        long lo = order(Float.NEGATIVE_INFINITY);
        long hi = order(Float.POSITIVE_INFINITY);
        if (!test.test(Float.POSITIVE_INFINITY)) {
            return NONE;
        }
        while (lo < hi) {
            long mid = (lo + hi) >> 1;
            if (test.test(fromOrder(mid))) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return fromOrder(lo);
    }

    /** Position of a float in the total order −∞ … −0, +0 … +∞. */
    static long order(float f) {
        int bits = Float.floatToRawIntBits(f);
        return bits >= 0 ? (long) bits : (long) (bits ^ 0x7fffffff);
    }

    static float fromOrder(long order) {
        int bits = (int) order;
        return Float.intBitsToFloat(bits >= 0 ? bits : bits ^ 0x7fffffff);
    }
}
