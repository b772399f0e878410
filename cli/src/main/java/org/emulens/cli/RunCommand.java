package org.emulens.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.emulens.engine.Emulator;
import org.emulens.engine.ModelFiles;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.Backends;
import org.emulens.io.study.Study;
import org.emulens.io.study.StudyFile;
import org.emulens.io.study.StudyRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

    @Option(names = "--backend", paramLabel = "NAME", description = "Override the study's backend.")
    String backend;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N", description = "CPU threads, 0 = all cores.")
    int threads;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        Path modelPath = StudyFile.modelPath(studyFile);
        Emulator model = ModelFiles.read(modelPath);
        Study study = StudyFile.read(studyFile, model);
        String backendName = backend != null ? backend : study.backend();
        PrintWriter err = spec.commandLine().getErr();
        try (Backend b = Backends.open(backendName, new BackendOptions(threads, 0), model.family())) {
            err.printf("emulens: study '%s': model %s (sha256 %s), %,d members per cell, seed %d%n", study.name(),
                    model.name(), model.hash().substring(0, 16), study.members(), study.seed());
            err.printf("emulens: backend %s (%s), tanh %s%n", b.name(), b.device(), study.tanh());
            err.flush();
            ProgressLine progress = new ProgressLine(err, System.console() != null);
            StudyRunner.Result r = new StudyRunner(study, model, b, commandLine()).run(resume, progress::update);
            progress.finish();
            err.printf(Locale.ROOT, "emulens: %,d cells, %,d member evaluations in %.1f s (%.3g members/s)%n", r.cells(),
                    r.memberEvaluations(), r.seconds(), r.memberEvaluations() / r.seconds());
            err.printf("emulens: wrote %s%n", r.output());
            for (Path p : r.plots()) {
                err.printf("emulens: wrote %s%n", p);
            }
            err.flush();
        }
    }

    private String commandLine() {
        StringBuilder sb = new StringBuilder("emulens run ").append(studyFile);
        if (resume) {
            sb.append(" --resume");
        }
        if (backend != null) {
            sb.append(" --backend ").append(backend);
        }
        return sb.toString();
    }

    /** A progress bar on a terminal, plain log lines every tenth otherwise. */
    static final class ProgressLine {
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
            String eta = rate > 0 ? formatSeconds((total - done) / rate) : "?";
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
