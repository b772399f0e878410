package org.emulens.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emulens.engine.backend.Availability;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.BackendUnavailableException;
import org.emulens.engine.backend.Backends;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Asking about CUDA never throws; without a driver or device it says why, and naming it is an error. */
class CudaBackendProviderTest {

    @Test
    void isFoundByTheServiceLoaderAndProbesWithoutThrowing() {
        assertTrue(Backends.names().contains("cuda"));
        CudaBackendProvider p = new CudaBackendProvider();
        Availability a = p.probe();
        System.out.println("[emulens-kernels] cuda: " + a.describe());
        assertEquals(a.available(), a.reason().isEmpty(), "a reason exactly when unavailable");
        assertTrue(p.priority() > 0, "above the CPU backend");
    }

    @Test
    void anUnavailableCudaNamedExplicitlyIsAnErrorNotAFallback() {
        Availability a = new CudaBackendProvider().probe();
        Assumptions.assumeFalse(a.available(), "this machine has a CUDA device");
        BackendUnavailableException ex = assertThrows(BackendUnavailableException.class,
                () -> Backends.open("cuda", BackendOptions.defaults()));
        assertTrue(ex.getMessage().contains(a.reason()), ex.getMessage());
        assertFalse(a.reason().isBlank());
    }
}
