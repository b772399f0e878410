package org.emulens.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ServiceLoader;
import org.emulens.engine.Emulator;
import org.emulens.engine.ModelFiles;
import org.emulens.engine.backend.Backend;
import org.emulens.io.study.ClusterStudyRunner;
import org.emulens.io.study.Study;
import org.emulens.io.study.StudyFile;
import org.emulens.io.study.StudyRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs an uncertainty study file end to end: EO files in, a CF NetCDF of output distributions out. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run an uncertainty study: read its inputs, perturb them, evaluate the emulator for every "
                + "member of every cell, and write per-cell statistics to CF NetCDF (and quick-look maps).",
                "The output appears only when complete; after Ctrl-C or a crash, --resume continues from the last "
                        + "completed chunk."})
final class RunCommand implements Runnable {
    @Parameters(paramLabel = "STUDY", description = "Study file (YAML).")
    Path studyFile;

    @Option(names = "--resume", description = "Continue an interrupted run of the same study.")
    boolean resume;

    @Mixin
    StudyBackendOptions backendOptions;

    @Option(names = "--spark", paramLabel = "MASTER", description = "Run on Apache Spark instead: local[*] (embedded), "
            + "spark://HOST:7077, yarn, ...; each executor uses the study's backend. Needs the emulens-spark classes, "
            + "which scripts/emulens adds (docs/SCALE-OUT.md).")
    String spark;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        if (spark != null) {
            runOnCluster();
            return;
        }
        Path modelPath = StudyFile.modelPath(studyFile);
        Emulator model = ModelFiles.read(modelPath);
        Study file = StudyFile.read(studyFile, model);
        // One thread count for the backend and for the propagator's workers, which do the CPU's evaluation.
        Study study = file.withThreads(backendOptions.threads(file.threads()));
        PrintWriter err = spec.commandLine().getErr();
        try (Backend b = backendOptions.open(study.backend(), study.threads(), model.family())) {
            err.printf("emulens: study '%s': model %s (sha256 %s), %,d members per cell, seed %d%n", study.name(),
                    model.name(), model.hash().substring(0, 16), study.members(), study.seed());
            err.printf("emulens: backend %s (%s), tanh %s%n", b.name(), b.device(), study.tanh());
            err.flush();
            ProgressLine progress = new ProgressLine(err, System.console() != null);
            StudyRunner.Result r = new StudyRunner(study, model, b, commandLine()).run(resume, progress::update);
            progress.finish();
            report(err, r);
        }
    }

    /** The study on a cluster engine found on the class path; its libraries stay off it otherwise. */
    private void runOnCluster() {
        if (resume || backendOptions.backend != null) {
            throw new ParameterException(spec.commandLine(), "--spark: --resume and --backend do not apply; a cluster "
                    + "run retries failed tasks itself, and each executor uses the study's backend");
        }
        ClusterStudyRunner cluster = ServiceLoader.load(ClusterStudyRunner.class).findFirst().orElseThrow(
                () -> new ParameterException(spec.commandLine(), "--spark: the Apache Spark support (module "
                        + "emulens-spark) is not on the class path; run through scripts/emulens, which adds it, or "
                        + "spark-submit spark/target/emulens-spark-submit.jar (docs/SCALE-OUT.md)"));
        PrintWriter err = spec.commandLine().getErr();
        err.printf("emulens: study %s on %s, master %s%n", studyFile, cluster.name(), spark);
        err.flush();
        report(err, cluster.run(studyFile.toString(), spark, commandLine()));
    }

    private static void report(PrintWriter err, StudyRunner.Result r) {
        err.printf(Locale.ROOT, "emulens: %,d cells, %,d member evaluations in %.1f s (%.3g members/s)%n", r.cells(),
                r.memberEvaluations(), r.seconds(), r.memberEvaluations() / r.seconds());
        err.printf("emulens: wrote %s%n", r.output());
        for (Path p : r.plots()) {
            err.printf("emulens: wrote %s%n", p);
        }
        err.flush();
    }

    private String commandLine() {
        StringBuilder sb = new StringBuilder("emulens run ").append(studyFile);
        if (resume) {
            sb.append(" --resume");
        }
        sb.append(backendOptions.commandLineSuffix());
        if (spark != null) {
            sb.append(" --spark ").append(spark);
        }
        return sb.toString();
    }

    /** A progress bar on a terminal, plain log lines every tenth otherwise. */
    static final class ProgressLine {
        private static final double MIN_SECONDS_FOR_ETA = 2;
        private final PrintWriter out;
        private final boolean terminal;
        private final long start = System.nanoTime();
        private long lastPrint;
        private int lastTenth = -1;
        private boolean drawn;

        ProgressLine(PrintWriter out, boolean terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        synchronized void update(long done, long total) {
            long now = System.nanoTime();
            double secs = (now - start) / 1e9;
            double rate = done / Math.max(secs, 1e-9);
            double fraction = total == 0 ? 1 : (double) done / total;
            // The first chunks include the JIT's warm-up and are far slower than the rest: an estimate from them
            // alone said hours for a two-minute run.
            String eta = done == total ? "0 s" : secs >= MIN_SECONDS_FOR_ETA && fraction >= 0.01 && rate > 0
                    ? formatSeconds((total - done) / rate) : "estimating";
            if (terminal) {
                if (now - lastPrint < 200_000_000L && done < total) {
                    return;
                }
                lastPrint = now;
                int width = 30;
                int filled = (int) Math.round(fraction * width);
                out.printf(Locale.ROOT, "\r[%s%s] %5.1f%%  %.3g members/s  ETA %s   ", "#".repeat(filled),
                        " ".repeat(width - filled), 100 * fraction, rate, eta);
                drawn = true;
            } else {
                int tenth = (int) Math.floor(fraction * 10);
                if (tenth == lastTenth) {
                    return;
                }
                lastTenth = tenth;
                out.printf(Locale.ROOT, "emulens: %3.0f%% (%,d of %,d member evaluations), %.3g members/s, ETA %s%n",
                        100 * fraction, done, total, rate, eta);
            }
            out.flush();
        }

        void finish() {
            if (drawn) {
                out.println();
            }
        }

        private static String formatSeconds(double s) {
            if (s < 90) {
                return String.format(Locale.ROOT, "%.0f s", s);
            }
            if (s < 5400) {
                return String.format(Locale.ROOT, "%.0f min", s / 60);
            }
            return String.format(Locale.ROOT, "%.1f h", s / 3600);
        }
    }
}
