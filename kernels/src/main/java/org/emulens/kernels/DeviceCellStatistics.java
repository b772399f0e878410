package org.emulens.kernels;

/**
 * The statistics of one model output over some members of one cell, as the fused pass computes them: count,
 * NaN count, mean, variance, minimum and maximum, and the histogram and exceedance counts that the
 * {@code StatisticsSpec} asked for. Mergeable: results over disjoint member sets {@link #combine} into the
 * result over their union, with the pairwise formulas of {@code MergeableMoments} (Chan et al.; Pébay 2008)
 * in double precision. Counts, minima, maxima, histograms and exceedances merge exactly.
 *
 * <p>It exists beside {@code CellStatistics} because that class cannot yet be built from partial moments;
 * see docs/GPU.md.
 */
public final class DeviceCellStatistics {
    private long count;
    private long nanCount;
    private double mean;
    private double m2;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private final long[] histogramSlots;
    private final long[] exceedances;
    private final double[] thresholds;
    private final double histogramLo;
    private final double histogramHi;

    /**
     * No members yet.
     *
     * @param histogramBins 0 for no histogram
     * @param thresholds    exceedance thresholds, or null for none
     */
    public DeviceCellStatistics(double histogramLo, double histogramHi, int histogramBins, double[] thresholds) {
        this.histogramLo = histogramLo;
        this.histogramHi = histogramHi;
        this.histogramSlots = histogramBins > 0 ? new long[histogramBins + 2] : null;
        this.thresholds = thresholds == null ? null : thresholds.clone();
        this.exceedances = thresholds == null ? null : new long[thresholds.length];
    }

    /**
     * Adds a partial result: {@code n} non-NaN members with mean {@code partialMean}, sum of squared deviations
     * {@code partialM2}, extremes, and the counters laid out as histogram slots (underflow, bins, overflow)
     * then exceedances, starting at {@code counters[offset]}.
     */
    public void addPartial(long n, long nans, double partialMean, double partialM2, double partialMin,
            double partialMax, int[] counters, int offset) {
        int c = offset;
        if (histogramSlots != null) {
            for (int s = 0; s < histogramSlots.length; s++) {
                histogramSlots[s] += Integer.toUnsignedLong(counters[c++]);
            }
        }
        if (exceedances != null) {
            for (int t = 0; t < exceedances.length; t++) {
                exceedances[t] += Integer.toUnsignedLong(counters[c++]);
            }
        }
        mergeMoments(n, nans, partialMean, partialM2, partialMin, partialMax);
    }

    /** Adds everything {@code other} holds, as if its members had been added here; returns this. */
    public DeviceCellStatistics combine(DeviceCellStatistics other) {
        if (!sameConfiguration(other)) {
            throw new IllegalArgumentException("DeviceCellStatistics configuration differs: expected " + configuration()
                    + ", found " + other.configuration());
        }
        long otherCount = other.count;
        long otherNans = other.nanCount;
        double otherMean = other.mean;
        double otherM2 = other.m2;
        double otherMin = other.min;
        double otherMax = other.max;
        if (histogramSlots != null) {
            long[] add = other.histogramSlots.clone();
            for (int s = 0; s < add.length; s++) {
                histogramSlots[s] += add[s];
            }
        }
        if (exceedances != null) {
            long[] add = other.exceedances.clone();
            for (int t = 0; t < add.length; t++) {
                exceedances[t] += add[t];
            }
        }
        mergeMoments(otherCount, otherNans, otherMean, otherM2, otherMin, otherMax);
        return this;
    }

    /** The combination formula of {@code MergeableMoments.combine}, restricted to the second moment. */
    private void mergeMoments(long countB, long nansB, double meanB, double m2B, double minB, double maxB) {
        nanCount += nansB;
        if (countB == 0) {
            return;
        }
        min = Math.min(min, minB);
        max = Math.max(max, maxB);
        if (count == 0) {
            count = countB;
            mean = meanB;
            m2 = m2B;
            return;
        }
        double na = count;
        double nb = countB;
        double n = na + nb;
        double delta = meanB - mean;
        m2 = m2 + m2B + delta * delta * na * nb / n;
        mean = mean + delta * (nb / n);
        count += countB;
    }

    /** Number of non-NaN members. */
    public long count() {
        return count;
    }

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

    /** {@code Σ(x − x̄)² / (n − 1)}. */
    public double sampleVariance() {
        return count < 2 ? Double.NaN : m2 / (count - 1);
    }

    public double min() {
        return count == 0 ? Double.NaN : min;
    }

    public double max() {
        return count == 0 ? Double.NaN : max;
    }

    public boolean hasHistogram() {
        return histogramSlots != null;
    }

    /** Counts of the histogram bins, lowest first (as {@code FixedBinHistogram.binCounts()}); a copy. */
    public long[] histogramCounts() {
        long[] slots = slots();
        long[] bins = new long[slots.length - 2];
        System.arraycopy(slots, 1, bins, 0, bins.length);
        return bins;
    }

    /** Members below the histogram's lower edge. */
    public long histogramUnderflow() {
        return slots()[0];
    }

    /** Members at or above the histogram's upper edge. */
    public long histogramOverflow() {
        long[] slots = slots();
        return slots[slots.length - 1];
    }

    public boolean hasExceedance() {
        return exceedances != null;
    }

    /** Number of members strictly above {@code thresholds[i]}. */
    public long exceedanceCount(int i) {
        if (exceedances == null) {
            throw new IllegalStateException("exceedance: not chosen in this run's StatisticsSpec");
        }
        return exceedances[i];
    }

    private long[] slots() {
        if (histogramSlots == null) {
            throw new IllegalStateException("histogram: not chosen in this run's StatisticsSpec");
        }
        return histogramSlots.clone();
    }

    private boolean sameConfiguration(DeviceCellStatistics o) {
        return configuration().equals(o.configuration());
    }

    private String configuration() {
        return "[histogram " + (histogramSlots == null ? "none" : "lo=" + histogramLo + ", hi=" + histogramHi
                + ", bins=" + (histogramSlots.length - 2)) + ", thresholds "
                + (thresholds == null ? "none" : java.util.Arrays.toString(thresholds)) + "]";
    }

    @Override
    public String toString() {
        return "DeviceCellStatistics[count=" + count + ", nanCount=" + nanCount + ", mean=" + mean()
                + ", sampleVariance=" + sampleVariance() + ", min=" + min() + ", max=" + max() + "]";
    }
}
