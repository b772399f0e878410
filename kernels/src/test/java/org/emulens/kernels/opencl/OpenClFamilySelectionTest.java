package org.emulens.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emulens.engine.ModelFamily;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.BackendUnavailableException;
import org.emulens.engine.backend.Backends;
import org.emulens.kernels.DeviceBackends;
import org.junit.jupiter.api.Test;

/** With OpenCL available (PoCL in CI), backends are chosen by the model's family too. */
class OpenClFamilySelectionTest {

    @Test
    void autoPicksAsBeforeForTreesAndABackendThatRunsAGaussianProcess() {
        DeviceBackends.openClOrSkip();
        try (Backend any = Backends.open("auto", BackendOptions.defaults());
                Backend trees = Backends.open("auto", BackendOptions.defaults(), ModelFamily.TREE_ENSEMBLE);
                Backend gp = Backends.open("auto", BackendOptions.defaults(), ModelFamily.GAUSSIAN_PROCESS)) {
            assertEquals(any.name(), trees.name(), "every available backend runs trees except tornado");
            assertEquals("cpu", gp.name());
        }
    }

    @Test
    void aNamedBackendThatCannotRunTheFamilySaysWhichItRuns() {
        DeviceBackends.openClOrSkip();
        BackendUnavailableException ex = assertThrows(BackendUnavailableException.class,
                () -> Backends.open("opencl", BackendOptions.defaults(), ModelFamily.GAUSSIAN_PROCESS));
        assertTrue(ex.getMessage().contains("does not run Gaussian process emulators"), ex.getMessage());
    }
}
