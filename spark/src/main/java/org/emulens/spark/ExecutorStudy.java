package org.emulens.spark;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
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
 * study's (with {@code auto}, the executor's GPU when it has one, else its CPU), on the GPU Spark assigned
 * to the task if any, with one CPU thread, since Spark gives each task one core.
 */
final class ExecutorStudy implements AutoCloseable {
    private static final Map<String, ExecutorStudy> OPEN = new ConcurrentHashMap<>();

    private final Emulator model;
    private final Backend backend;
    private final TanhMode tanh;
    private final StudyRunner.Plan plan;

    private ExecutorStudy(Path studyFile, int device) {
        this.model = ModelFiles.read(StudyFile.modelPath(studyFile));
        Study study = StudyFile.read(studyFile, model);
        this.tanh = TanhMode.valueOf(study.tanh().toUpperCase(Locale.ROOT));
        this.backend = Backends.open(study.backend(), new BackendOptions(1, device), model.family());
        this.plan = new StudyRunner(study, model, backend, "").plan();
    }

    /**
     * The study at {@code studyFile} whose file has digest {@code sha256}, opened on first use in this JVM;
     * the digest keeps a study edited between runs from being served stale.
     */
    static ExecutorStudy get(String studyFile, String sha256) {
        int device = assignedGpu();
        return OPEN.computeIfAbsent(studyFile + "#" + sha256 + "#" + device,
                k -> new ExecutorStudy(Path.of(studyFile), device));
    }

    /**
     * The GPU Spark gave this task ({@code spark.task.resource.gpu.amount}), as a device index for the
     * backend; 0 where Spark schedules no GPUs.
     */
    private static int assignedGpu() {
        TaskContext task = TaskContext.get();
        ResourceInformation gpu = task == null ? null : task.resourcesJMap().get("gpu");
        if (gpu == null || gpu.addresses().length == 0) {
            return 0;
        }
        try {
            return Integer.parseInt(gpu.addresses()[0].trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("GPU address '" + gpu.addresses()[0] + "' from Spark's discovery script: "
                    + "expected a device index such as 0", e);
        }
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
