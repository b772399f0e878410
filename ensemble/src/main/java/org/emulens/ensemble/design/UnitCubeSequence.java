package org.emulens.ensemble.design;

/**
 * A {@link UnitCubeDesign} whose points form one indexed sequence, so any stretch of it can be produced on its
 * own: {@code sample(first, count)} returns points {@code first .. first + count - 1}, and joining consecutive
 * stretches gives exactly {@code sample(total)}. This is what lets an ensemble be generated in chunks.
 */
public interface UnitCubeSequence extends UnitCubeDesign {

    /** Points {@code firstIndex .. firstIndex + count - 1}, a new matrix {@code [count][dimensions()]}. */
    double[][] sample(long firstIndex, int count);

    @Override
    default double[][] sample(int n) {
        return sample(0L, n);
    }
}
