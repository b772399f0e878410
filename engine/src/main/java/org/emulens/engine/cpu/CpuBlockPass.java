package org.emulens.engine.cpu;

/**
 * One model family's evaluation over a block of members, as {@link CpuBackend} schedules it: each
 * thread holds its own scratch and evaluates disjoint blocks of at most {@link CpuForwardPass#BLOCK} rows.
 */
interface CpuBlockPass {

    /** Scratch space for one thread. */
    float[][] newScratch();

    /** Rows {@code first .. first + count - 1} of row-major {@code x} into row-major {@code y}. */
    void evaluateBlock(float[] x, float[] y, int first, int count, float[][] scratch);
}
