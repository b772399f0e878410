package org.emulens.cli;

import org.emulens.engine.ModelFamily;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.Backends;
import picocli.CommandLine.Option;

/** {@code --backend} and {@code --threads} of the commands that run a study file, which names its own backend. */
final class StudyBackendOptions {
    @Option(names = "--backend", paramLabel = "NAME", description = "Override the study's backend.")
    String backend;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "CPU threads, 0 = the study's 'threads' (whose default, 0, is all cores).")
    int threads;

    /** The backend given on the command line, else the study's. */
    String name(String studyBackend) {
        return backend != null ? backend : studyBackend;
    }

    /** The threads given on the command line, else the study's (0 = all cores). */
    int threads(int studyThreads) {
        return threads != 0 ? threads : studyThreads;
    }

    /** The backend, with {@link #threads(int)} CPU threads. */
    Backend open(String studyBackend, int studyThreads, ModelFamily family) {
        return Backends.open(name(studyBackend), new BackendOptions(threads(studyThreads), 0), family);
    }

    /** What the options add to the command line recorded in an output's provenance. */
    String commandLineSuffix() {
        return backend != null ? " --backend " + backend : "";
    }
}
