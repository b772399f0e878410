package org.emulens.engine.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackendsTest {

    @Test
    void serviceLoaderFindsTheCpuBackend() {
        assertTrue(Backends.names().contains("cpu"), Backends.names().toString());
        assertEquals("auto", Backends.names().get(0));
    }

    @Test
    void namedAndAutoSelectionOpenABackend() {
        try (Backend b = Backends.open("cpu", BackendOptions.defaults().withThreads(1))) {
            assertEquals("cpu", b.name());
            assertTrue(b.device().contains("1 thread"), b.device());
        }
        try (Backend b = Backends.open("auto", BackendOptions.defaults())) {
            assertTrue(Backends.names().contains(b.name()));
        }
    }

    @Test
    void unknownBackendListsTheKnownOnes() {
        BackendUnavailableException ex = assertThrows(BackendUnavailableException.class,
                () -> Backends.open("cudaa", BackendOptions.defaults()));
        assertTrue(ex.getMessage().contains("unknown backend 'cudaa'"), ex.getMessage());
        assertTrue(ex.getMessage().contains("cpu"), ex.getMessage());
    }

    @Test
    void optionsRejectNegativeThreads() {
        assertThrows(IllegalArgumentException.class, () -> new BackendOptions(-1, 0));
    }
}
