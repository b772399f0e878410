package org.emulens.ensemble.stats;

/**
 * Count, mean, variance, skewness, excess kurtosis, minimum and maximum in one pass, with the update and
 * combination formulas of Welford and of Pébay (2008), "Formulas for robust, one-pass parallel computation
 * of covariances and arbitrary-order statistical moments", Sandia report SAND2008-6212 (single-value
 * update and pairwise combination of the central moment sums up to order four). Central moment sums are kept rather than raw power sums, which would lose all precision for a
 * quantity whose spread is small compared with its mean (soil temperature in kelvin, say).
 *
 * <p>{@code NaN} values go to {@link #nanCount()} only. Infinite values are included and make the moments
 * infinite or NaN, as they should: an infinite member is an overflow worth seeing, not a value to hide.
 *
 * <h2>Definitions</h2>
 * With {@code n} values, mean {@code x̄} and {@code m_k = Σ(x − x̄)^k / n}:
 * <ul>
 *   <li>population variance {@code m2}; sample variance {@code n m2 / (n − 1)};</li>
 *   <li>population skewness {@code g1 = m3 / m2^1.5}; sample skewness (adjusted Fisher–Pearson, as in
 *       commons-math3 {@code Skewness}, Excel {@code SKEW}, SAS) {@code G1 = g1 √(n(n−1)) / (n − 2)};</li>
 *   <li>population excess kurtosis {@code g2 = m4 / m2² − 3}; sample excess kurtosis (as in commons-math3
 *       {@code Kurtosis}, Excel {@code KURT}) {@code G2 = ((n + 1) g2 + 6)(n − 1) / ((n − 2)(n − 3))}.</li>
 * </ul>
 * A statistic is NaN when undefined: no values, fewer than 2, 3 or 4 values for the sample variance,
 * skewness or kurtosis, or zero variance for skewness and kurtosis.
 */
public final class MergeableMoments implements MergeableStatistic<MergeableMoments> {
    private long count;
    private long nanCount;
    private double mean;
    private double m2;
    private double m3;
    private double m4;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /** An empty accumulator. */
    public MergeableMoments() {
    }

    @Override
    public void accept(double value) {
        if (Double.isNaN(value)) {
            nanCount++;
            return;
        }
        long previous = count;
        count = previous + 1;
        double n = count;
        double delta = value - mean;
        double deltaN = delta / n;
        double deltaN2 = deltaN * deltaN;
        double term1 = delta * deltaN * previous;
        mean += deltaN;
        m4 += term1 * deltaN2 * (n * n - 3 * n + 3) + 6 * deltaN2 * m2 - 4 * deltaN * m3;
        m3 += term1 * deltaN * (n - 2) - 3 * deltaN * m2;
        m2 += term1;
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    @Override
    public MergeableMoments combine(MergeableMoments other) {
        // Read the other side first so that combining with itself is also correct.
        long countB = other.count;
        double meanB = other.mean;
        double m2B = other.m2;
        double m3B = other.m3;
        double m4B = other.m4;
        nanCount += other.nanCount;
        if (countB == 0) {
            return this;
        }
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        if (count == 0) {
            count = countB;
            mean = meanB;
            m2 = m2B;
            m3 = m3B;
            m4 = m4B;
            return this;
        }
        double na = count;
        double nb = countB;
        double n = na + nb;
        double delta = meanB - mean;
        double delta2 = delta * delta;
        double combinedM4 = m4 + m4B
                + delta2 * delta2 * na * nb * (na * na - na * nb + nb * nb) / (n * n * n)
                + 6 * delta2 * (na * na * m2B + nb * nb * m2) / (n * n)
                + 4 * delta * (na * m3B - nb * m3) / n;
        double combinedM3 = m3 + m3B
                + delta2 * delta * na * nb * (na - nb) / (n * n)
                + 3 * delta * (na * m2B - nb * m2) / n;
        double combinedM2 = m2 + m2B + delta2 * na * nb / n;
        mean = mean + delta * (nb / n);
        m2 = combinedM2;
        m3 = combinedM3;
        m4 = combinedM4;
        count += countB;
        return this;
    }

    @Override
    public MergeableMoments copy() {
        MergeableMoments copy = new MergeableMoments();
        copy.count = count;
        copy.nanCount = nanCount;
        copy.mean = mean;
        copy.m2 = m2;
        copy.m3 = m3;
        copy.m4 = m4;
        copy.min = min;
        copy.max = max;
        return copy;
    }

    /** Number of non-NaN values accepted. */
    public long count() {
        return count;
    }

    @Override
    public long nanCount() {
        return nanCount;
    }

    public double mean() {
        return count == 0 ? Double.NaN : mean;
    }

    /** {@code Σ(x − x̄)² / n}. */
    public double populationVariance() {
        return count == 0 ? Double.NaN : m2 / count;
    }

    /** {@code Σ(x − x̄)² / (n − 1)}, unbiased. */
    public double sampleVariance() {
        return count < 2 ? Double.NaN : m2 / (count - 1);
    }

    /** {@code g1 = m3 / m2^1.5}. */
    public double populationSkewness() {
        if (count == 0) {
            return Double.NaN;
        }
        double n = count;
        return Math.sqrt(n) * m3 / Math.pow(m2, 1.5);
    }

    /** {@code G1 = g1 √(n(n−1)) / (n − 2)}, the adjusted Fisher–Pearson coefficient. */
    public double sampleSkewness() {
        if (count < 3) {
            return Double.NaN;
        }
        double n = count;
        return populationSkewness() * Math.sqrt(n * (n - 1)) / (n - 2);
    }

    /** {@code g2 = m4 / m2² − 3}. */
    public double populationExcessKurtosis() {
        if (count == 0) {
            return Double.NaN;
        }
        double n = count;
        return n * m4 / (m2 * m2) - 3;
    }

    /** {@code G2 = ((n + 1) g2 + 6)(n − 1) / ((n − 2)(n − 3))}. */
    public double sampleExcessKurtosis() {
        if (count < 4) {
            return Double.NaN;
        }
        double n = count;
        return ((n + 1) * populationExcessKurtosis() + 6) * (n - 1) / ((n - 2) * (n - 3));
    }

    public double min() {
        return count == 0 ? Double.NaN : min;
    }

    public double max() {
        return count == 0 ? Double.NaN : max;
    }

    @Override
    public String toString() {
        return "MergeableMoments[count=" + count + ", nanCount=" + nanCount + ", mean=" + mean()
                + ", sampleVariance=" + sampleVariance() + ", min=" + min() + ", max=" + max() + "]";
    }
}
