package org.emulens.ensemble.stats;

import java.util.Arrays;

/**
 * Exact quantiles by keeping every value, for ensembles small enough to hold in memory, and as the
 * reference that {@link QuantileSketch} is tested against. Uses the same definition as the sketch: the
 * lower q-quantile, the value of rank {@code max(1, ceil(q·n))} among the {@code n} non-NaN values.
 *
 * <p>The capacity is a hard limit rather than a hint, because an ensemble of millions of members per cell
 * over many cells would otherwise exhaust memory silently; past it, use a {@link QuantileSketch}.
 */
public final class ExactQuantiles implements MergeableStatistic<ExactQuantiles> {
    private static final int INITIAL_CAPACITY = 16;

    private final int maxValues;
    private double[] values;
    private int size;
    private boolean sorted = true;
    private long nanCount;

    /** @param maxValues the most non-NaN values this may hold, positive */
    public ExactQuantiles(int maxValues) {
        if (maxValues < 1) {
            throw new IllegalArgumentException("maxValues: expected a positive count, found " + maxValues);
        }
        this.maxValues = maxValues;
        this.values = new double[Math.min(maxValues, INITIAL_CAPACITY)];
    }

    /** @throws IllegalStateException if this already holds {@code maxValues} values */
    @Override
    public void accept(double value) {
        if (Double.isNaN(value)) {
            nanCount++;
            return;
        }
        reserve(1);
        values[size] = value;
        size++;
        sorted = false;
    }

    /** Concatenates the values of {@code other}. */
    @Override
    public ExactQuantiles combine(ExactQuantiles other) {
        if (maxValues != other.maxValues) {
            throw new IllegalArgumentException("ExactQuantiles maxValues differs: expected " + maxValues
                    + ", found " + other.maxValues);
        }
        int otherSize = other.size;
        reserve(otherSize);
        System.arraycopy(other.values, 0, values, size, otherSize);
        size += otherSize;
        sorted = sorted && otherSize == 0;
        nanCount += other.nanCount;
        return this;
    }

    private void reserve(int extra) {
        if (extra > maxValues - size) {
            throw new IllegalStateException("ExactQuantiles: expected at most " + maxValues + " values, found "
                    + ((long) size + extra) + "; use a QuantileSketch for larger ensembles");
        }
        if (size + extra > values.length) {
            int capacity = (int) Math.min(maxValues, Math.max((long) size + extra, 2L * values.length));
            values = Arrays.copyOf(values, capacity);
        }
    }

    @Override
    public ExactQuantiles copy() {
        ExactQuantiles copy = new ExactQuantiles(maxValues);
        copy.values = Arrays.copyOf(values, Math.max(size, 1));
        copy.size = size;
        copy.sorted = sorted;
        copy.nanCount = nanCount;
        return copy;
    }

    /**
     * The value of rank {@code max(1, ceil(q·n))}; NaN when no non-NaN value has been accepted.
     *
     * @throws IllegalArgumentException unless {@code 0 <= q <= 1}
     */
    public double quantile(double q) {
        long rank = QuantileRank.lowerRank(q, Math.max(size, 1));
        if (size == 0) {
            return Double.NaN;
        }
        if (!sorted) {
            Arrays.sort(values, 0, size);
            sorted = true;
        }
        return values[(int) rank - 1];
    }

    /** Number of non-NaN values held. */
    public long count() {
        return size;
    }

    @Override
    public long nanCount() {
        return nanCount;
    }

    public int maxValues() {
        return maxValues;
    }
}
