package org.emulens.ensemble.stats;

import java.util.Arrays;

/**
 * Counts per integer bucket index for one sign of a {@link QuantileSketch}, in a dense array over the
 * occupied index range, never longer than {@code maxBuckets}.
 *
 * <p>When the occupied range would exceed {@code maxBuckets}, every bucket below
 * {@code highest − maxBuckets + 1} is folded into that one. The fold depends only on the highest index,
 * which is the same whether values arrive one by one or through merges, so the contents are a function of
 * the multiset of indices added: merging is exact.
 */
final class LogBucketStore implements java.io.Serializable {
    private static final long[] EMPTY = new long[0];
    private static final int INITIAL_CAPACITY = 32;

    private final int maxBuckets;
    private long[] counts = EMPTY;
    /** Bucket index of {@code counts[0]}. */
    private int offset;
    /** Lowest non-empty bucket index, when {@code total > 0}. */
    private int lowest;
    /** Highest non-empty bucket index, when {@code total > 0}; its count is never folded away. */
    private int highest;
    private long total;

    LogBucketStore(int maxBuckets) {
        this.maxBuckets = maxBuckets;
    }

    LogBucketStore copy() {
        LogBucketStore copy = new LogBucketStore(maxBuckets);
        copy.counts = counts.clone();
        copy.offset = offset;
        copy.lowest = lowest;
        copy.highest = highest;
        copy.total = total;
        return copy;
    }

    long total() {
        return total;
    }

    /** Lowest non-empty index; only meaningful when {@link #total()} is positive. */
    int lowest() {
        return lowest;
    }

    /** Highest non-empty index; only meaningful when {@link #total()} is positive. */
    int highest() {
        return highest;
    }

    long count(int index) {
        int position = index - offset;
        return position >= 0 && position < counts.length ? counts[position] : 0;
    }

    void add(int index, long count) {
        if (count == 0) {
            return;
        }
        if (total == 0) {
            lowest = index;
            highest = index;
        } else if (index > highest) {
            highest = index;
        }
        int floor = highest - (maxBuckets - 1);
        if (lowest < floor) {
            foldBelow(floor);
        }
        int target = Math.max(index, floor);
        lowest = Math.min(lowest, target);
        cover(lowest, highest);
        counts[target - offset] += count;
        total += count;
    }

    /** Adds every bucket of {@code other}, highest first so that at most one fold happens. */
    void addAll(LogBucketStore other) {
        if (other.total == 0) {
            return;
        }
        for (int index = other.highest; index >= other.lowest; index--) {
            add(index, other.count(index));
        }
    }

    private void foldBelow(int floor) {
        long folded = 0;
        for (int position = 0; position < counts.length && offset + position < floor; position++) {
            folded += counts[position];
            counts[position] = 0;
        }
        lowest = floor;
        cover(floor, highest);
        counts[floor - offset] += folded;
    }

    /** Makes the array span {@code [from, to]}, a range of at most {@code maxBuckets} indices. */
    private void cover(int from, int to) {
        if (counts.length > 0 && from >= offset && to - offset < counts.length) {
            return;
        }
        int span = to - from + 1;
        int capacity = Math.min(maxBuckets, Math.max(span, Math.max(2 * counts.length, INITIAL_CAPACITY)));
        // Leave the spare room on the side that is growing.
        int newOffset = counts.length > 0 && from < offset ? to - capacity + 1 : from;
        long[] grown = new long[capacity];
        for (int position = 0; position < counts.length; position++) {
            if (counts[position] != 0) {
                grown[offset + position - newOffset] = counts[position];
            }
        }
        counts = grown;
        offset = newOffset;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LogBucketStore)) {
            return false;
        }
        LogBucketStore other = (LogBucketStore) o;
        if (maxBuckets != other.maxBuckets || total != other.total) {
            return false;
        }
        if (total == 0) {
            return true;
        }
        if (lowest != other.lowest || highest != other.highest) {
            return false;
        }
        for (int index = lowest; index <= highest; index++) {
            if (count(index) != other.count(index)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        if (total == 0) {
            return 0;
        }
        long[] occupied = Arrays.copyOfRange(counts, lowest - offset, highest - offset + 1);
        return 31 * (31 * lowest + highest) + Arrays.hashCode(occupied);
    }
}
