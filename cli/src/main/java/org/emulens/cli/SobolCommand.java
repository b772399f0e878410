package org.emulens.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.emulens.engine.Emulator;
import org.emulens.engine.ModelFiles;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.Backends;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.ensemble.design.Problem;
import org.emulens.ensemble.design.ProblemFile;
import org.emulens.ensemble.design.SaltelliDesign;
import org.emulens.ensemble.sensitivity.BatchModel;
import org.emulens.ensemble.sensitivity.Bootstrap;
import org.emulens.ensemble.sensitivity.EmulatorBatchModel;
import org.emulens.ensemble.sensitivity.SobolAnalysis;
import org.emulens.ensemble.sensitivity.SobolIndices;
import org.emulens.ensemble.sensitivity.TestFunctions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Sobol' indices of a model output (or of a test function with known indices), with bootstrap intervals. */
@Command(name = "sobol", mixinStandardHelpOptions = true,
        description = {"Sobol' sensitivity indices (Saltelli 2010 first-order, Jansen total, optional second-order) "
                + "with bootstrap confidence intervals, for a model output or a built-in test function.",
                "Without --problem, each model input is uniform over its valid range."})
final class SobolCommand implements Runnable {
    @Parameters(paramLabel = "MODEL", arity = "0..1", description = "Model file; omit with --function.")
    Path model;

    @Option(names = "--function", paramLabel = "NAME",
            description = "Built-in test function with analytic indices: ishigami or g-function.")
    String function;

    @Option(names = "--problem", paramLabel = "YAML", description = "Factors and their distributions (SALib style).")
    Path problemFile;

    @Option(names = "--output", paramLabel = "NAME", description = "Model output to analyse. Default: the first.")
    String output;

    @Option(names = {"-n", "--base-samples"}, defaultValue = "16384", paramLabel = "N",
            description = "Base samples (a power of two keeps the Sobol' design balanced). Default: ${DEFAULT-VALUE}.")
    int baseSamples;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the scrambled design. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--second-order", description = "Also estimate second-order indices.")
    boolean secondOrder;

    @Option(names = "--bootstrap", defaultValue = "100", paramLabel = "R", description = "Bootstrap resamples. Default: ${DEFAULT-VALUE}.")
    int resamples;

    @Option(names = "--confidence", defaultValue = "0.95", paramLabel = "LEVEL", description = "Interval level. Default: ${DEFAULT-VALUE}.")
    double confidence;

    @Option(names = "--backend", defaultValue = "auto", paramLabel = "NAME", description = "Backend for the model. Default: ${DEFAULT-VALUE}.")
    String backend;

    @Option(names = "--tanh", defaultValue = "exact", paramLabel = "MODE", description = "exact or fast. Default: ${DEFAULT-VALUE}.")
    String tanh;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        if ((model == null) == (function == null)) {
            throw new ParameterException(spec.commandLine(), "give either MODEL or --function, not both or neither");
        }
        if (baseSamples < 2) {
            throw new ParameterException(spec.commandLine(), "-n: expected at least 2 base samples, found " + baseSamples);
        }
        Bootstrap bootstrap = Bootstrap.of(resamples, confidence, seed);
        PrintWriter out = spec.commandLine().getOut();
        if (function != null) {
            runFunction(out, bootstrap);
        } else {
            runModel(out, bootstrap);
        }
        out.flush();
    }

    private void runFunction(PrintWriter out, Bootstrap bootstrap) {
        Problem problem;
        BatchModel f;
        double[][] analytic;
        switch (function.toLowerCase(Locale.ROOT)) {
            case "ishigami":
                problem = TestFunctions.ishigamiProblem();
                f = TestFunctions.ishigami(TestFunctions.ISHIGAMI_A, TestFunctions.ISHIGAMI_B);
                analytic = TestFunctions.ishigamiIndices(TestFunctions.ISHIGAMI_A, TestFunctions.ISHIGAMI_B);
                break;
            case "g-function":
                problem = TestFunctions.unitProblem(TestFunctions.G_A.length);
                f = TestFunctions.gFunction(TestFunctions.G_A);
                analytic = TestFunctions.gIndices(TestFunctions.G_A);
                break;
            default:
                throw new ParameterException(spec.commandLine(), "--function: expected ishigami or g-function, found '"
                        + function + "'");
        }
        if (problemFile != null) {
            throw new ParameterException(spec.commandLine(), "--problem does not apply to a built-in function");
        }
        SobolIndices s = analyse(problem, f, bootstrap);
        out.printf("Sobol' indices of the %s function (%s)%n", function, describe(s, problem));
        table(out, s, analytic[0], analytic[1]);
    }

    private void runModel(PrintWriter out, Bootstrap bootstrap) {
        Emulator e = ModelFiles.read(model);
        int outputIndex = 0;
        if (output != null) {
            outputIndex = -1;
            for (int j = 0; j < e.outputCount(); j++) {
                if (e.outputs().get(j).name().equals(output)) {
                    outputIndex = j;
                }
            }
            if (outputIndex < 0) {
                throw new ParameterException(spec.commandLine(), "--output: model '" + e.name() + "' has no output '"
                        + output + "'; it has " + e.outputs().stream().map(v -> v.name()).toList());
            }
        }
        Problem problem = problemFile != null ? ProblemFile.read(problemFile) : ProblemFile.fromModelRanges(e);
        if (!problem.names().equals(e.inputs().stream().map(v -> v.name()).toList())) {
            throw new ParameterException(spec.commandLine(), "the problem's factors " + problem.names()
                    + " must be the model's inputs in order: " + e.inputs().stream().map(v -> v.name()).toList());
        }
        try (Backend b = Backends.open(backend, new BackendOptions(0, 0), e.family());
                CompiledEmulator c = b.compile(e, Options.tanhMode(spec, tanh))) {
            SobolIndices s = analyse(problem, new EmulatorBatchModel(c, outputIndex), bootstrap);
            out.printf("Sobol' indices of '%s' (%s) of model %s, sha256 %s%n", e.outputs().get(outputIndex).name(),
                    e.outputs().get(outputIndex).units(), e.name(), e.hash().substring(0, 16));
            out.printf("backend %s (%s); %s%n", b.name(), b.device(), describe(s, problem));
            table(out, s, null, null);
            if (e.family() == org.emulens.engine.ModelFamily.TREE_ENSEMBLE && e.outputCount() == 1) {
                TreeImportances.print(out, e, s);
            }
        }
    }

    private SobolIndices analyse(Problem problem, BatchModel f, Bootstrap bootstrap) {
        SaltelliDesign design = SaltelliDesign.scrambledSobol(problem.dimensions(), baseSamples, secondOrder, seed);
        return SobolAnalysis.run(problem, f, design, bootstrap);
    }

    private String describe(SobolIndices s, Problem problem) {
        long runs = (long) baseSamples * (secondOrder ? 2L * problem.dimensions() + 2 : problem.dimensions() + 2);
        return String.format("%d base samples, %d runs, seed %d, %.0f%% bootstrap intervals from %d resamples",
                baseSamples, runs, seed, 100 * s.bootstrap().confidenceLevel(), s.bootstrap().resamples());
    }

    private void table(PrintWriter out, SobolIndices s, double[] s1Exact, double[] stExact) {
        boolean exact = s1Exact != null;
        out.printf("%-14s %9s %8s %9s %8s%s%n", "factor", "S1", "+/-", "ST", "+/-", exact ? "   S1 exact  ST exact" : "");
        for (int i = 0; i < s.factors(); i++) {
            out.printf("%-14s %9.4f %8.4f %9.4f %8.4f", s.names().get(i), s.s1(i), s.s1Conf(i), s.st(i), s.stConf(i));
            if (exact) {
                out.printf(" %10.4f %9.4f", s1Exact[i], stExact[i]);
            }
            out.println();
        }
        if (s.hasSecondOrder()) {
            out.println("second order (S2 +/- conf)");
            for (int i = 0; i < s.factors(); i++) {
                for (int j = i + 1; j < s.factors(); j++) {
                    out.printf("  %-12s %-12s %9.4f %8.4f%n", s.names().get(i), s.names().get(j), s.s2(i, j),
                            s.s2Conf(i, j));
                }
            }
        }
    }
}
