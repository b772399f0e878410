package org.emulens.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.emulens.engine.ModelFiles;
import org.emulens.ensemble.design.LatinHypercube;
import org.emulens.ensemble.design.MonteCarloDesign;
import org.emulens.ensemble.design.MorrisDesign;
import org.emulens.ensemble.design.Problem;
import org.emulens.ensemble.design.SaltelliDesign;
import org.emulens.ensemble.design.SobolSequence;
import org.emulens.io.csv.NumericCsv;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Writes an experimental design, mapped through the factors' distributions, to CSV. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Write a design (Monte Carlo, Sobol', Latin hypercube, Saltelli or Morris) to a CSV file.")
final class SampleCommand implements Runnable {
    @ArgGroup(exclusive = true, multiplicity = "1")
    ProblemSource source;

    @Option(names = "--design", defaultValue = "sobol", paramLabel = "KIND",
            description = "mc, sobol, lhs, saltelli or morris. Default: ${DEFAULT-VALUE}.")
    String design;

    @Option(names = {"-n", "--samples"}, required = true, paramLabel = "N",
            description = "Points (saltelli: base samples; morris: trajectories).")
    int n;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the design's random stream. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--second-order", description = "saltelli: add the rows needed for second-order indices.")
    boolean secondOrder;

    @Option(names = "--levels", defaultValue = "4", description = "morris: grid levels. Default: ${DEFAULT-VALUE}.")
    int levels;

    @Option(names = "--out", required = true, paramLabel = "CSV", description = "Output table, one column per factor.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        if (n <= 0) {
            throw new ParameterException(spec.commandLine(), "-n: expected a positive number of samples, found " + n);
        }
        Problem problem = source.problem();
        int d = problem.dimensions();
        double[][] unit;
        switch (design.toLowerCase(Locale.ROOT)) {
            case "mc":
                unit = MonteCarloDesign.seeded(d, seed).sample(n);
                break;
            case "sobol":
                unit = SobolSequence.scrambled(d, seed).sample(n);
                break;
            case "lhs":
                unit = LatinHypercube.seeded(d, seed).sample(n);
                break;
            case "saltelli":
                unit = SaltelliDesign.scrambledSobol(d, n, secondOrder, seed).unitPoints();
                break;
            case "morris":
                unit = MorrisDesign.seeded(d, n, levels, seed).unitPoints();
                break;
            default:
                throw new ParameterException(spec.commandLine(), "--design: expected mc, sobol, lhs, saltelli or "
                        + "morris, found '" + design + "'");
        }
        NumericCsv.writeRows(out, problem.names(), problem.valuesAt(unit));
        PrintWriter log = spec.commandLine().getErr();
        log.printf("emulens: %d rows of a %s design over %d factors %s (seed %d) -> %s%n", unit.length, design, d,
                problem.names(), seed, out);
        log.flush();
    }

    /** Where the factors come from: a SALib-like problem file, or a model's valid input ranges. */
    static final class ProblemSource {
        @Option(names = "--problem", paramLabel = "YAML", description = "Problem file: factors with SALib distributions.")
        Path problemFile;

        @Option(names = "--model", paramLabel = "MODEL", description = "Use each model input, uniform over its valid range.")
        Path model;

        Problem problem() {
            if (problemFile != null) {
                return org.emulens.ensemble.design.ProblemFile.read(problemFile);
            }
            return org.emulens.ensemble.design.ProblemFile.fromModelRanges(ModelFiles.read(model));
        }
    }
}
