package org.emulens.kernels;

import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.CompiledEmulator;

/** A backend that can also run the fused ensemble pass; the GPU backends implement it. */
public interface FusedEnsembleBackend extends Backend {

    /**
     * Prepares {@code model}, which must have been compiled by this backend, for fused runs.
     *
     * @throws IllegalArgumentException if the model or the options do not fit the kernels (the message says
     *         what was expected and what was found)
     */
    FusedEnsembleRun fusedRun(CompiledEmulator model, FusedRunOptions options);
}
