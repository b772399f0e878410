package org.emulens.spark;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.emulens.engine.Emulator;
import org.emulens.engine.ModelFiles;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.Backends;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.ensemble.propagation.EnsemblePropagator;
import org.emulens.ensemble.stats.CellStatistics;
import org.emulens.io.study.Study;
import org.emulens.io.study.StudyFile;
import org.emulens.io.study.StudyRunner;

/**
 * A study as an executor holds it: read once per executor JVM (study, model, every step's inputs) and
 * its backend opened once, then used by every task of the study that runs there. The backend is the
 * study's (with {@code auto}, the executor's GPU when it has one, else its CPU), with one CPU thread,
 * since Spark gives each task one core.
 */
final class ExecutorStudy implements AutoCloseable {
    private static final Map<String, ExecutorStudy> OPEN = new ConcurrentHashMap<>();

    private final Emulator model;
    private final Backend backend;
    private final TanhMode tanh;
    private final StudyRunner.Plan plan;

    private ExecutorStudy(Path studyFile) {
        this.model = ModelFiles.read(StudyFile.modelPath(studyFile));
        Study study = StudyFile.read(studyFile, model);
        this.tanh = TanhMode.valueOf(study.tanh().toUpperCase(Locale.ROOT));
        this.backend = Backends.open(study.backend(), new BackendOptions(1, 0));
        this.plan = new StudyRunner(study, model, backend, "").plan();
    }

    /**
     * The study at {@code studyFile} whose file has digest {@code sha256}, opened on first use in this JVM;
     * the digest keeps a study edited between runs from being served stale.
     */
    static ExecutorStudy get(String studyFile, String sha256) {
        return OPEN.computeIfAbsent(studyFile + "#" + sha256, k -> new ExecutorStudy(Path.of(studyFile)));
    }

    /** Closes the studies this JVM holds: at the end of a run whose driver is also its executor. */
    static void closeAll() {
        for (String key : OPEN.keySet()) {
            ExecutorStudy s = OPEN.remove(key);
            if (s != null) {
                s.close();
            }
        }
    }

    StudyRunner.Plan plan() {
        return plan;
    }

    /** The block's partial statistics, computed here. */
    BlockPartial compute(StudyBlock block) {
        try (CompiledEmulator compiled = backend.compile(model, tanh);
                EnsemblePropagator propagator = new EnsemblePropagator(compiled, plan.spec(),
                        EnsemblePropagator.DEFAULT_CHUNK, 1)) {
            CellStatistics[][] stats = plan.statistics(propagator, block.step(), block.firstCell(), block.cellCount(),
                    block.firstMember(), block.members(), null);
            return new BlockPartial(block, stats, backend.name(), backend.device());
        }
    }

    @Override
    public void close() {
        backend.close();
    }
}
