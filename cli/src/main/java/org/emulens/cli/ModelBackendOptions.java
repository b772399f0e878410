package org.emulens.cli;

import org.emulens.engine.Emulator;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.Backends;
import org.emulens.engine.backend.TanhMode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --backend}, {@code --tanh} and {@code --threads} of the commands that run one model on given inputs. */
final class ModelBackendOptions {
    @Option(names = "--backend", defaultValue = "auto", paramLabel = "NAME",
            description = "Backend: auto, cpu, ... (see 'emulens backends'). Default: ${DEFAULT-VALUE}.")
    String backend;

    @Option(names = "--tanh", defaultValue = "exact", paramLabel = "MODE",
            description = "exact, or fast (rational approximation, |error| < 5e-7). Default: ${DEFAULT-VALUE}.")
    String tanh;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N", description = "CPU threads, 0 = all cores.")
    int threads;

    TanhMode tanhMode(CommandSpec spec) {
        return Options.tanhMode(spec, tanh);
    }

    /** The named backend, or with {@code auto} the first that can run this model's family. */
    Backend open(Emulator model) {
        return Backends.open(backend, new BackendOptions(threads, 0), model.family());
    }
}
