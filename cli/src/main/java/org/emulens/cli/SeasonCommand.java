package org.emulens.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.emulens.io.season.SeasonStudy;
import org.emulens.io.season.SeasonStudyFile;
import org.emulens.io.season.SeasonStudyRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs a seasonal (drought) study: a time-stepping emulator through a season, metrics as distributions. */
@Command(name = "season", mixinStandardHelpOptions = true,
        description = {"Run a seasonal study: step every member of every cell through a season with a time-stepping "
                + "emulator and write the distributions of wet-season onset, cessation and length, harmonic ratio, "
                + "dry days and the longest dry spell, with the probabilities the study asks for, to CF NetCDF "
                + "(and quick-look maps). See docs/DROUGHT.md."})
final class SeasonCommand implements Runnable {
    @Parameters(paramLabel = "STUDY", description = "Seasonal study file (YAML), e.g. examples/drought-africa.yaml.")
    Path studyFile;

    @Option(names = "--backend", paramLabel = "NAME", description = "Override the study's backend.")
    String backend;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        SeasonStudy study = SeasonStudyFile.read(studyFile);
        PrintWriter err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "emulens: seasonal study '%s': %d days from %s, %,d members per cell, seed %d%n",
                study.name(), study.days(), study.start(), study.members(), study.seed());
        err.flush();
        String commandLine = "emulens season " + studyFile + (backend == null ? "" : " --backend " + backend);
        SeasonStudyRunner.Result r = new SeasonStudyRunner(study, backend, commandLine).run();
        err.printf(Locale.ROOT, "emulens: backend %s (%s); %,d cells x %,d members x %d days in %.1f s%n", r.backend(),
                r.device(), r.cells(), r.members(), study.days(), r.seconds());
        err.printf("emulens: wrote %s%n", r.output());
        if (r.daily() != null) {
            err.printf("emulens: wrote %s%n", r.daily());
        }
        for (Path p : r.plots()) {
            err.printf("emulens: wrote %s%n", p);
        }
        err.flush();
    }
}
