package org.emulens.engine.backend;

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

    @Override
    void close();
}
