package org.emulens.kernels.tornado;

import org.emulens.engine.backend.Availability;
import org.emulens.engine.backend.BackendOptions;
import org.junit.jupiter.api.Assumptions;

/**
 * The TornadoVM backend the tests share, opened once per test JVM. Where the provider says it cannot run (no
 * device), the tests that need it are skipped with the provider's reason, printed once.
 */
final class SharedTornado {
    private static TornadoBackend backend;
    private static String skipReason;

    private SharedTornado() {
    }

    static synchronized TornadoBackend orSkip() {
        if (backend == null && skipReason == null) {
            Availability a = new TornadoBackendProvider().probe();
            if (a.available()) {
                backend = TornadoBackend.open(BackendOptions.defaults());
                System.out.println("[emulens-kernels-tornado] " + backend.device());
            } else {
                skipReason = "tornado backend unavailable, so its tests are skipped: " + a.reason();
                System.err.println("[emulens-kernels-tornado] " + skipReason);
            }
        }
        Assumptions.assumeTrue(backend != null, skipReason);
        return backend;
    }
}
