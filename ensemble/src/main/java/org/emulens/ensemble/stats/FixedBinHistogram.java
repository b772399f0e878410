package org.emulens.ensemble.stats;

/**
 * Counts in {@code bins} equal-width bins over {@code [lo, hi)}, plus values below {@code lo} (underflow,
 * including −∞) and at or above {@code hi} (overflow, including +∞). The binning is fixed up front rather
 * than adapted to the data, because only identical binnings can be merged by adding counts.
 *
 * <p>Bin {@code i} holds {@code lo + i·w <= x < lo + (i + 1)·w} with {@code w = (hi − lo) / bins}, the index
 * being computed as {@code floor((x − lo) / (hi − lo) · bins)}; a value within rounding of an inner edge
 * may land on either side of it, but always on the same side for the same value, so merging stays exact.
 */
public final class FixedBinHistogram implements MergeableStatistic<FixedBinHistogram> {
    private final double lo;
    private final double hi;
    private final long[] counts;
    private long underflow;
    private long overflow;
    private long nanCount;

    /**
     * @param lo   lower edge, finite
     * @param hi   upper edge, finite, above {@code lo}, with {@code hi − lo} finite
     * @param bins number of bins, positive
     */
    public FixedBinHistogram(double lo, double hi, int bins) {
        if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo < hi && Double.isFinite(hi - lo))) {
            throw new IllegalArgumentException(
                    "lo, hi: expected finite lo < hi with finite hi - lo, found lo=" + lo + ", hi=" + hi);
        }
        if (bins < 1) {
            throw new IllegalArgumentException("bins: expected a positive count, found " + bins);
        }
        this.lo = lo;
        this.hi = hi;
        this.counts = new long[bins];
    }

    @Override
    public void accept(double value) {
        if (Double.isNaN(value)) {
            nanCount++;
        } else if (value < lo) {
            underflow++;
        } else if (value >= hi) {
            overflow++;
        } else {
            counts[binIndex(value)]++;
        }
    }

    private int binIndex(double value) {
        int bins = counts.length;
        int index = (int) ((value - lo) / (hi - lo) * bins);
        // Rounding can give bins for a value just below hi.
        return Math.min(index, bins - 1);
    }

    @Override
    public FixedBinHistogram combine(FixedBinHistogram other) {
        if (Double.compare(lo, other.lo) != 0 || Double.compare(hi, other.hi) != 0
                || counts.length != other.counts.length) {
            throw new IllegalArgumentException("FixedBinHistogram binning differs: expected " + binning()
                    + ", found " + other.binning());
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        underflow += other.underflow;
        overflow += other.overflow;
        nanCount += other.nanCount;
        return this;
    }

    @Override
    public FixedBinHistogram copy() {
        FixedBinHistogram copy = new FixedBinHistogram(lo, hi, counts.length);
        System.arraycopy(counts, 0, copy.counts, 0, counts.length);
        copy.underflow = underflow;
        copy.overflow = overflow;
        copy.nanCount = nanCount;
        return copy;
    }

    private String binning() {
        return "[lo=" + lo + ", hi=" + hi + ", bins=" + counts.length + "]";
    }

    public long binCount(int bin) {
        return counts[bin];
    }

    /** The counts of all bins, lowest first; a copy. */
    public long[] binCounts() {
        return counts.clone();
    }

    /** Number of values below {@code lo}. */
    public long underflow() {
        return underflow;
    }

    /** Number of values at or above {@code hi}. */
    public long overflow() {
        return overflow;
    }

    /** Number of non-NaN values accepted, underflow and overflow included. */
    public long count() {
        long total = underflow + overflow;
        for (long c : counts) {
            total += c;
        }
        return total;
    }

    @Override
    public long nanCount() {
        return nanCount;
    }

    public double lo() {
        return lo;
    }

    public double hi() {
        return hi;
    }

    public int bins() {
        return counts.length;
    }

    /** Lower edge of {@code bin}: {@code lo + bin·(hi − lo) / bins}. */
    public double binLowerEdge(int bin) {
        return lo + bin * (hi - lo) / counts.length;
    }
}
