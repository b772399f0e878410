package org.emulens.engine.backend;

/**
 * Evaluation on the calling thread alone, with scratch space of its own, from
 * {@link CompiledEmulator#threadEvaluator()}: a caller that runs its own threads gives each one of these, so
 * that a thread can draw, evaluate and fold its own members while they are still in cache. Not thread-safe:
 * one per thread.
 */
@FunctionalInterface
public interface ThreadEvaluator {

    /** As {@link CompiledEmulator#evaluate}, rows {@code [0, members)}, with the same outputs, on this thread. */
    void evaluate(float[] inputs, float[] outputs, int members);
}
