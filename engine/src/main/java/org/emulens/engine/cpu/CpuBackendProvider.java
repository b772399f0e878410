package org.emulens.engine.cpu;

import org.emulens.engine.backend.Availability;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.BackendProvider;

/** Always available; lowest priority so that {@code auto} prefers an accelerator when there is one. */
public final class CpuBackendProvider implements BackendProvider {

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Availability probe() {
        return Availability.available(Runtime.getRuntime().availableProcessors() + " cores ("
                + System.getProperty("os.arch") + ")");
    }

    @Override
    public Backend open(BackendOptions options) {
        return new CpuBackend(options.effectiveThreads());
    }
}
