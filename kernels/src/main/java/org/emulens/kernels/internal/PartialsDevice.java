package org.emulens.kernels.internal;

/**
 * The device side of a fused run, as {@link FusedRunner} drives it. Two partial buffers, 0 and 1, let the
 * device compute one launch while the host folds the previous one.
 */
public interface PartialsDevice {

    /** Starts {@code launch} writing into partial buffer {@code buffer}, and its copy back; does not wait. */
    void enqueue(FusedSchedule.Launch launch, int buffer);

    /** Waits for the launch last enqueued on {@code buffer} and copies its partials into the arrays. */
    void await(int buffer, FusedSchedule.Launch launch, float[] floats, int[] counts);
}
