package org.emulens.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emulens.engine.backend.Availability;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.BackendUnavailableException;
import org.emulens.engine.backend.Backends;
import org.emulens.kernels.DeviceBackends;
import org.junit.jupiter.api.Test;

class OpenClBackendProviderTest {

    @Test
    void isFoundByTheServiceLoaderAndProbesWithoutThrowing() {
        assertTrue(Backends.names().contains("opencl"));
        Availability a = new OpenClBackendProvider().probe();
        System.out.println("[emulens-kernels] opencl: " + a.describe());
        assertEquals(a.available(), a.reason().isEmpty(), "a reason exactly when unavailable");
    }

    @Test
    void opensByNameAndRefusesADeviceIndexItDoesNotHave() {
        DeviceBackends.openClOrSkip();
        try (Backend b = Backends.open("opencl", BackendOptions.defaults())) {
            assertEquals("opencl", b.name());
        }
        BackendUnavailableException ex = assertThrows(BackendUnavailableException.class,
                () -> Backends.open("opencl", new BackendOptions(0, 999)));
        assertTrue(ex.getMessage().contains("found 999"), ex.getMessage());
    }

    @Test
    void aCpuDeviceRanksBelowTheCpuBackend() {
        OpenClBackend b = DeviceBackends.openClOrSkip();
        int expected = b.device().contains("(CPU,") ? OpenClBackendProvider.CPU_DEVICE_PRIORITY
                : OpenClBackendProvider.PRIORITY;
        assertEquals(expected, new OpenClBackendProvider().priority());
    }
}
