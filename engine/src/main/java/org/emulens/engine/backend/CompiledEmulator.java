package org.emulens.engine.backend;

import java.util.Optional;
import org.emulens.engine.Emulator;

/** A model prepared on a backend. Evaluation is thread-safe; closing releases device memory. */
public interface CompiledEmulator extends AutoCloseable {

    Emulator emulator();

    TanhMode tanhMode();

    /**
     * Evaluates {@code members} rows. {@code inputs} is row-major {@code [members][inputCount]},
     * {@code outputs} row-major {@code [members][outputCount]}; row {@code i} of the output
     * depends only on row {@code i} of the input, never on the batch size or thread count.
     */
    void evaluate(float[] inputs, float[] outputs, int members);

    /**
     * A new evaluator that runs on the calling thread only, for callers with threads of their own; empty where
     * evaluation does not run on the host's threads (a device backend), so that only {@link #evaluate} makes
     * sense.
     */
    default Optional<ThreadEvaluator> threadEvaluator() {
        return Optional.empty();
    }

    /**
     * Whether {@link #evaluateWithVariance} gives a predictive variance: true for model families that have
     * one (Gaussian processes) on backends that compute it.
     */
    default boolean hasPredictiveVariance() {
        return false;
    }

    /**
     * Evaluates {@code members} rows in float64, giving each output's predictive mean and variance,
     * row-major {@code [members][outputCount]} like {@link #evaluate}.
     *
     * @throws UnsupportedOperationException when {@link #hasPredictiveVariance()} is false
     */
    default void evaluateWithVariance(float[] inputs, double[] means, double[] variances, int members) {
        throw new UnsupportedOperationException("emulator '" + emulator().name() + "' (" + emulator().family()
                .description() + ") has no predictive variance on this backend");
    }

    @Override
    void close();

    /** The argument checks every implementation of {@link #evaluate} makes, with the same messages. */
    static void checkArguments(Emulator emulator, float[] inputs, float[] outputs, int members) {
        if (members < 0) {
            throw new IllegalArgumentException("members must be >= 0, found " + members);
        }
        long in = (long) members * emulator.inputCount();
        long out = (long) members * emulator.outputCount();
        if (inputs.length < in) {
            throw new IllegalArgumentException(members + " members need " + in + " input values, found "
                    + inputs.length);
        }
        if (outputs.length < out) {
            throw new IllegalArgumentException(members + " members need " + out + " output slots, found "
                    + outputs.length);
        }
    }
}
