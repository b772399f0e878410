package org.emulens.ensemble.stats;

import java.io.Serializable;
import java.util.function.DoubleConsumer;

/**
 * A per-cell accumulator whose partial results over any split of the members combine into the result over
 * all of them. This is what lets threads, GPU chunks and distributed tasks each take a share of the members
 * of a cell and merge afterwards, in whatever order they finish.
 *
 * <p>Implementations are mutable and not thread-safe: one accumulator per thread or chunk, then
 * {@link #combine}. Serializable, so that partial results can travel from cluster tasks to where they
 * are merged. A {@code NaN} value is counted separately ({@code nanCount()}) and never enters the
 * statistic, because a single failed member must not silently turn a whole cell's result into NaN.
 *
 * @param <S> the implementing type
 */
public interface MergeableStatistic<S extends MergeableStatistic<S>> extends DoubleConsumer, Serializable {

    /** Adds one member's value. */
    @Override
    void accept(double value);

    /**
     * Adds every value that {@code other} has accepted, as if they had been accepted here, and returns
     * this. {@code other} is left unchanged.
     *
     * @throws IllegalArgumentException if {@code other} is configured differently, naming what differs
     */
    S combine(S other);

    /** An independent accumulator in the same state. */
    S copy();

    /** Number of {@code NaN} values accepted and left out of the statistic. */
    long nanCount();
}
