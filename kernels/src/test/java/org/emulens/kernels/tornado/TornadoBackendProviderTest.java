package org.emulens.kernels.tornado;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.emulens.engine.backend.Availability;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.BackendUnavailableException;
import org.emulens.engine.backend.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default build's view of the TornadoVM backend: found by the ServiceLoader, and says what it lacks. */
class TornadoBackendProviderTest {
    /** A class loader that sees no profile-built implementation, whatever this JVM's class path holds. */
    private static final ClassLoader WITHOUT_IMPLEMENTATION = new ClassLoader(null) {
    };

    @Test
    void isFoundByTheServiceLoaderAndRanksBelowTheCpuBackend() {
        assertTrue(Backends.names().contains("tornado"), Backends.names().toString());
        assertTrue(new TornadoBackendProvider().priority() < 0, "auto must never pick it over cpu");
    }

    @Test
    void unsetOrBlankHomeIsSdkNotFound() {
        for (String home : new String[] {null, "", "   "}) {
            Availability a = TornadoBackendProvider.judge(home, WITHOUT_IMPLEMENTATION);
            assertFalse(a.available());
            assertEquals("SDK not found (set TORNADOVM_HOME)", a.reason());
            assertEquals("unavailable: SDK not found (set TORNADOVM_HOME)", a.describe());
        }
    }

    @Test
    void aHomeWithoutAnSdkIsSdkNotFound(@TempDir Path dir) {
        assertEquals(TornadoBackendProvider.SDK_NOT_FOUND,
                TornadoBackendProvider.judge(dir.resolve("missing").toString(), WITHOUT_IMPLEMENTATION).reason());
        assertEquals(TornadoBackendProvider.SDK_NOT_FOUND,
                TornadoBackendProvider.judge(dir.toString(), WITHOUT_IMPLEMENTATION).reason());
    }

    @Test
    void anSdkWithoutTheProfileBuiltJarSaysHowToBuildIt(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("share/java/tornado"));
        Availability a = TornadoBackendProvider.judge(dir.toString(), WITHOUT_IMPLEMENTATION);
        assertFalse(a.available());
        assertTrue(a.reason().contains("emulens-kernels-tornado jar is not on the class path"), a.reason());
        assertTrue(a.reason().contains(dir.toString()), a.reason());
    }

    @Test
    void withoutTheEnvironmentVariableTheRealProbeSaysSdkNotFound() {
        String home = System.getenv("TORNADOVM_HOME");
        Availability a = new TornadoBackendProvider().probe();
        System.out.println("[emulens-kernels] tornado: " + a.describe());
        assertEquals(a.available(), a.reason().isEmpty(), "a reason exactly when unavailable");
        if (home == null || home.isBlank()) {
            assertEquals(TornadoBackendProvider.SDK_NOT_FOUND, a.reason());
            BackendUnavailableException ex = assertThrows(BackendUnavailableException.class,
                    () -> Backends.open("tornado", BackendOptions.defaults()));
            assertEquals("backend 'tornado' cannot start: SDK not found (set TORNADOVM_HOME)", ex.getMessage());
        }
    }
}
