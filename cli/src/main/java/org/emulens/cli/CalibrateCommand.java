package org.emulens.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.emulens.engine.Emulator;
import org.emulens.engine.ModelFiles;
import org.emulens.engine.backend.Backend;
import org.emulens.io.calibration.CalibrationRunner;
import org.emulens.io.calibration.CalibrationStudy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Calibrates model parameters against observations: history matching, ensemble MCMC and ABC. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Calibrate emulator parameters against observations with their uncertainties: history "
                + "matching (NROY per wave), affine-invariant ensemble MCMC with R-hat and ESS, ABC rejection.",
                "See docs/CALIBRATION.md for the study file."})
final class CalibrateCommand implements Runnable {
    @Parameters(paramLabel = "STUDY", description = "Calibration study file (YAML).")
    Path studyFile;

    @Mixin
    StudyBackendOptions backendOptions;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        Emulator model = ModelFiles.read(CalibrationStudy.modelPath(studyFile));
        CalibrationStudy study = CalibrationStudy.read(studyFile, model);
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        try (Backend b = backendOptions.open(study.backend(), 0, model.family())) {
            err.printf("emulens: calibration '%s': model %s (sha256 %s), %d observations, parameters %s, seed %d%n",
                    study.name(), model.name(), model.hash().substring(0, 16), study.observations().size(),
                    study.prior().names(), study.seed());
            err.printf("emulens: backend %s (%s)%n", b.name(), b.device());
            err.flush();
            StageProgress progress = new StageProgress(err, System.console() != null);
            long t0 = System.nanoTime();
            CalibrationRunner.Result r = new CalibrationRunner(study, model, b, commandLine()).run(progress::update);
            progress.finish();
            double secs = (System.nanoTime() - t0) / 1e9;
            for (String line : r.report()) {
                out.println(line);
            }
            out.flush();
            err.printf(Locale.ROOT, "emulens: %,d parameter sets x %d observations in %.1f s%n", r.parameterSets(),
                    study.observations().size(), secs);
            for (Path p : r.files()) {
                err.printf("emulens: wrote %s%n", p);
            }
            err.flush();
        }
    }

    private String commandLine() {
        return "emulens calibrate " + studyFile + backendOptions.commandLineSuffix();
    }

    /** One progress bar per stage (history matching wave, MCMC, ABC). */
    static final class StageProgress {
        private final PrintWriter err;
        private final boolean terminal;
        private String stage;
        private RunCommand.ProgressLine line;

        StageProgress(PrintWriter err, boolean terminal) {
            this.err = err;
            this.terminal = terminal;
        }

        synchronized void update(String name, long done, long total) {
            if (!name.equals(stage)) {
                finish();
                stage = name;
                err.printf("emulens: %s%n", name);
                line = new RunCommand.ProgressLine(err, terminal);
            }
            line.update(done, total);
        }

        void finish() {
            if (line != null) {
                line.finish();
            }
        }
    }
}
