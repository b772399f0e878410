package org.emulens.kernels;

import java.util.function.Supplier;
import org.emulens.engine.backend.Availability;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.BackendProvider;
import org.emulens.kernels.cuda.CudaBackend;
import org.emulens.kernels.cuda.CudaBackendProvider;
import org.emulens.kernels.opencl.OpenClBackend;
import org.emulens.kernels.opencl.OpenClBackendProvider;
import org.junit.jupiter.api.Assumptions;

/**
 * The device backends the tests share: each is opened once per test JVM (building the kernels takes a
 * second or two) and left open until the JVM exits. Where a backend is unavailable the tests that need it
 * are skipped, and the reason is printed once and given to JUnit.
 */
public final class DeviceBackends {
    private static final Shared OPENCL = new Shared(new OpenClBackendProvider(),
            () -> OpenClBackend.open(BackendOptions.defaults()));
    private static final Shared CUDA = new Shared(new CudaBackendProvider(),
            () -> CudaBackend.open(BackendOptions.defaults()));

    private DeviceBackends() {
    }

    public static OpenClBackend openClOrSkip() {
        return (OpenClBackend) OPENCL.getOrSkip();
    }

    public static CudaBackend cudaOrSkip() {
        return (CudaBackend) CUDA.getOrSkip();
    }

    private static final class Shared {
        private final BackendProvider provider;
        private final Supplier<FusedEnsembleBackend> opener;
        private FusedEnsembleBackend backend;
        private String skipReason;

        Shared(BackendProvider provider, Supplier<FusedEnsembleBackend> opener) {
            this.provider = provider;
            this.opener = opener;
        }

        synchronized FusedEnsembleBackend getOrSkip() {
            if (backend == null && skipReason == null) {
                Availability a = provider.probe();
                if (a.available()) {
                    backend = opener.get();
                } else {
                    skipReason = "no " + provider.name() + " device, so its tests are skipped: " + a.reason();
                    System.err.println("[emulens-kernels] " + skipReason);
                }
            }
            Assumptions.assumeTrue(backend != null, skipReason);
            return backend;
        }
    }
}
