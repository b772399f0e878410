package org.emulens.ensemble.stats;

import java.util.Objects;

/**
 * Quantiles of any number of values in bounded memory, with a relative error guarantee and exact merging:
 * the logarithmic-bucket sketch of Masson, Rim and Lee, "DDSketch: a fast and fully-mergeable quantile
 * sketch with relative-error guarantees", PVLDB 12(12), 2019.
 *
 * <h2>Guarantee</h2>
 * {@link #quantile(double) quantile(q)} estimates the lower q-quantile, the value of rank
 * {@code max(1, ceil(q·n))} among the {@code n} non-NaN values accepted, and is within relative error
 * {@code alpha} of it: {@code |estimate − x| <= alpha·|x|} (plus about 1e-12 relative from double rounding
 * at bucket edges). Two exceptions, both documented here so they cannot surprise:
 * <ul>
 *   <li>values with {@code |x| < minMagnitude} (default 1e-12) are counted as zero, so there the error is
 *       absolute, below {@code minMagnitude};</li>
 *   <li>if one sign's values span more than {@code maxBucketsPerSign} buckets (a factor of about
 *       {@code exp(2·alpha·maxBucketsPerSign)}, 6e17 with the defaults), the buckets nearest zero are folded
 *       together, and ranks falling among the smallest magnitudes of that sign lose the bound (their estimate
 *       is too large in magnitude). For positive data these are the lowest quantiles.</li>
 * </ul>
 * The minimum and maximum are tracked exactly, returned for the first and last rank, and every estimate is
 * clamped to them.
 *
 * <h2>Buckets</h2>
 * With {@code gamma = (1 + alpha) / (1 − alpha)}, a value {@code x} with {@code |x| >= minMagnitude} goes to
 * bucket {@code ceil(ln|x| / ln gamma)} of its sign (computed in double with {@link Math#log}), which holds
 * {@code (gamma^(i−1), gamma^i]} and is represented by {@code 2·gamma^i / (gamma + 1)}, within alpha of all
 * of it. Infinities have their own counts. The index is a pure function of the value, so a GPU kernel can
 * build compatible bucket arrays to merge here; a device {@code log} that differs in the last bit may put a
 * value lying within about 1e-15 of a bucket edge into the neighbouring bucket, which keeps the bound but
 * not bit-identity with a CPU-built sketch.
 *
 * <h2>Merging</h2>
 * {@link #combine} adds bucket counts, so a merged sketch equals ({@link #equals}) the sketch of all the
 * values, for any split and any order. Memory is at most two arrays of {@code maxBucketsPerSign} longs
 * (64 KiB with the defaults), whatever the count; typically far less, as only the occupied range is stored.
 */
public final class QuantileSketch implements MergeableStatistic<QuantileSketch> {
    /** Default relative accuracy: 0.5 %. */
    public static final double DEFAULT_RELATIVE_ACCURACY = 0.005;
    /** Default bucket limit per sign. */
    public static final int DEFAULT_MAX_BUCKETS_PER_SIGN = 4096;
    /** Default magnitude below which values count as zero. */
    public static final double DEFAULT_MIN_MAGNITUDE = 1e-12;

    // Keeps every bucket index, from ln(Double.MIN_VALUE) to ln(Double.MAX_VALUE), well inside int range.
    private static final double MIN_RELATIVE_ACCURACY = 1e-6;
    private static final int MAX_BUCKETS_LIMIT = 1 << 24;

    private final double relativeAccuracy;
    private final int maxBucketsPerSign;
    private final double minMagnitude;
    private final double gamma;
    private final double logGamma;
    private final LogBucketStore positive;
    private final LogBucketStore negative;
    private long zeroCount;
    private long positiveInfinityCount;
    private long negativeInfinityCount;
    private long nanCount;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /** A sketch with the default accuracy, bucket limit and zero threshold. */
    public QuantileSketch() {
        this(DEFAULT_RELATIVE_ACCURACY);
    }

    /** A sketch with relative accuracy {@code relativeAccuracy} and the default limits. */
    public QuantileSketch(double relativeAccuracy) {
        this(relativeAccuracy, DEFAULT_MAX_BUCKETS_PER_SIGN, DEFAULT_MIN_MAGNITUDE);
    }

    /**
     * @param relativeAccuracy  alpha, in [1e-6, 1)
     * @param maxBucketsPerSign bucket limit for each sign, in [2, 2^24]
     * @param minMagnitude      positive and finite; smaller magnitudes count as zero
     */
    public QuantileSketch(double relativeAccuracy, int maxBucketsPerSign, double minMagnitude) {
        if (!(relativeAccuracy >= MIN_RELATIVE_ACCURACY && relativeAccuracy < 1)) {
            throw new IllegalArgumentException("relativeAccuracy: expected " + MIN_RELATIVE_ACCURACY
                    + " <= relativeAccuracy < 1, found " + relativeAccuracy);
        }
        if (maxBucketsPerSign < 2 || maxBucketsPerSign > MAX_BUCKETS_LIMIT) {
            throw new IllegalArgumentException("maxBucketsPerSign: expected 2 <= maxBucketsPerSign <= "
                    + MAX_BUCKETS_LIMIT + ", found " + maxBucketsPerSign);
        }
        if (!(minMagnitude > 0 && minMagnitude < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(
                    "minMagnitude: expected a positive finite value, found " + minMagnitude);
        }
        this.relativeAccuracy = relativeAccuracy;
        this.maxBucketsPerSign = maxBucketsPerSign;
        this.minMagnitude = minMagnitude;
        this.gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
        this.logGamma = Math.log(gamma);
        this.positive = new LogBucketStore(maxBucketsPerSign);
        this.negative = new LogBucketStore(maxBucketsPerSign);
    }

    private QuantileSketch(QuantileSketch source) {
        this.relativeAccuracy = source.relativeAccuracy;
        this.maxBucketsPerSign = source.maxBucketsPerSign;
        this.minMagnitude = source.minMagnitude;
        this.gamma = source.gamma;
        this.logGamma = source.logGamma;
        this.positive = source.positive.copy();
        this.negative = source.negative.copy();
        this.zeroCount = source.zeroCount;
        this.positiveInfinityCount = source.positiveInfinityCount;
        this.negativeInfinityCount = source.negativeInfinityCount;
        this.nanCount = source.nanCount;
        this.min = source.min;
        this.max = source.max;
    }

    @Override
    public void accept(double value) {
        if (Double.isNaN(value)) {
            nanCount++;
            return;
        }
        min = Math.min(min, value);
        max = Math.max(max, value);
        if (value == Double.POSITIVE_INFINITY) {
            positiveInfinityCount++;
        } else if (value == Double.NEGATIVE_INFINITY) {
            negativeInfinityCount++;
        } else if (Math.abs(value) < minMagnitude) {
            zeroCount++;
        } else if (value > 0) {
            positive.add(bucketIndex(value), 1);
        } else {
            negative.add(bucketIndex(-value), 1);
        }
    }

    /** {@code ceil(ln(magnitude) / ln(gamma))}, for finite {@code magnitude >= minMagnitude}. */
    int bucketIndex(double magnitude) {
        return (int) Math.ceil(Math.log(magnitude) / logGamma);
    }

    /** {@code 2·gamma^index / (gamma + 1)}: within alpha of every value in the bucket. */
    double bucketValue(int index) {
        return Math.exp(index * logGamma) * (2 / (gamma + 1));
    }

    @Override
    public QuantileSketch combine(QuantileSketch other) {
        if (relativeAccuracy != other.relativeAccuracy || maxBucketsPerSign != other.maxBucketsPerSign
                || minMagnitude != other.minMagnitude) {
            throw new IllegalArgumentException("QuantileSketch configuration differs: expected "
                    + configuration() + ", found " + other.configuration());
        }
        QuantileSketch source = other == this ? other.copy() : other;
        positive.addAll(source.positive);
        negative.addAll(source.negative);
        zeroCount += source.zeroCount;
        positiveInfinityCount += source.positiveInfinityCount;
        negativeInfinityCount += source.negativeInfinityCount;
        nanCount += source.nanCount;
        min = Math.min(min, source.min);
        max = Math.max(max, source.max);
        return this;
    }

    @Override
    public QuantileSketch copy() {
        return new QuantileSketch(this);
    }

    /**
     * Estimate of the value of rank {@code max(1, ceil(q·n))}, within the relative error stated in the
     * class description; NaN when no non-NaN value has been accepted.
     *
     * @throws IllegalArgumentException unless {@code 0 <= q <= 1}
     */
    public double quantile(double q) {
        long n = count();
        long rank = QuantileRank.lowerRank(q, Math.max(n, 1));
        if (n == 0) {
            return Double.NaN;
        }
        if (rank == 1) {
            return min;
        }
        if (rank == n) {
            return max;
        }
        return Math.max(min, Math.min(max, valueOfRank(rank)));
    }

    private double valueOfRank(long rank) {
        long seen = negativeInfinityCount;
        if (rank <= seen) {
            return Double.NEGATIVE_INFINITY;
        }
        if (negative.total() > 0) {
            // Most negative first: highest magnitude index first.
            for (int index = negative.highest(); index >= negative.lowest(); index--) {
                seen += negative.count(index);
                if (rank <= seen) {
                    return -bucketValue(index);
                }
            }
        }
        seen += zeroCount;
        if (rank <= seen) {
            return 0.0;
        }
        if (positive.total() > 0) {
            for (int index = positive.lowest(); index <= positive.highest(); index++) {
                seen += positive.count(index);
                if (rank <= seen) {
                    return bucketValue(index);
                }
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** Number of non-NaN values accepted. */
    public long count() {
        return negativeInfinityCount + negative.total() + zeroCount + positive.total() + positiveInfinityCount;
    }

    @Override
    public long nanCount() {
        return nanCount;
    }

    public double relativeAccuracy() {
        return relativeAccuracy;
    }

    public int maxBucketsPerSign() {
        return maxBucketsPerSign;
    }

    public double minMagnitude() {
        return minMagnitude;
    }

    /** Exact minimum of the non-NaN values; NaN if there are none. */
    public double min() {
        return count() == 0 ? Double.NaN : min;
    }

    /** Exact maximum of the non-NaN values; NaN if there are none. */
    public double max() {
        return count() == 0 ? Double.NaN : max;
    }

    private String configuration() {
        return "[relativeAccuracy=" + relativeAccuracy + ", maxBucketsPerSign=" + maxBucketsPerSign
                + ", minMagnitude=" + minMagnitude + "]";
    }

    /** Equal configuration and equal bucket contents, counts, minimum and maximum. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof QuantileSketch)) {
            return false;
        }
        QuantileSketch other = (QuantileSketch) o;
        return relativeAccuracy == other.relativeAccuracy
                && maxBucketsPerSign == other.maxBucketsPerSign
                && minMagnitude == other.minMagnitude
                && zeroCount == other.zeroCount
                && positiveInfinityCount == other.positiveInfinityCount
                && negativeInfinityCount == other.negativeInfinityCount
                && nanCount == other.nanCount
                && Double.compare(min, other.min) == 0
                && Double.compare(max, other.max) == 0
                && positive.equals(other.positive)
                && negative.equals(other.negative);
    }

    @Override
    public int hashCode() {
        return Objects.hash(relativeAccuracy, maxBucketsPerSign, minMagnitude, zeroCount, positiveInfinityCount,
                negativeInfinityCount, nanCount, min, max, positive, negative);
    }

    @Override
    public String toString() {
        return "QuantileSketch" + configuration() + "[count=" + count() + ", nanCount=" + nanCount + "]";
    }
}
