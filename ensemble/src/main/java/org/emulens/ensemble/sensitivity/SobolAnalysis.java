package org.emulens.ensemble.sensitivity;

import java.util.List;
import org.emulens.engine.MemoryBudget;
import org.emulens.ensemble.design.Problem;
import org.emulens.ensemble.design.SaltelliDesign;
import org.emulens.ensemble.design.SplitMix64Uniforms;

/**
 * Variance-based (Sobol') sensitivity analysis: a {@link SaltelliDesign}, the model run on it, and SALib's
 * estimators (first order Saltelli et al. 2010, total Jansen 1999, second order Saltelli 2002; outputs centred on
 * their mean) with {@link Bootstrap} intervals. Either in one call ({@link #run}) or in two
 * steps when the model runs elsewhere: build the design, evaluate {@code problem.valuesAt(design.unitPoints())},
 * then {@link #analyze} the outputs, as with SALib's {@code saltelli.sample} and {@code sobol.analyze}.
 */
public final class SobolAnalysis {
    private SobolAnalysis() {
    }

    /**
     * The one-call analysis: a second-order Saltelli design on a scrambled Sobol' base of {@code baseSamples}
     * points (a power of two keeps the Sobol' balance), evaluated in chunks, with {@link Bootstrap#defaults}.
     * {@code seed} drives the scrambling; the bootstrap uses a seed derived from it, so that the two draw on
     * unrelated streams.
     */
    public static SobolIndices run(Problem problem, BatchModel model, int baseSamples, long seed) {
        SaltelliDesign design = SaltelliDesign.scrambledSobol(problem.dimensions(), baseSamples, true, seed);
        return run(problem, model, design, Bootstrap.defaults(SplitMix64Uniforms.mix64(seed)));
    }

    /** Evaluates the model on the design and analyses the outputs. */
    public static SobolIndices run(Problem problem, BatchModel model, SaltelliDesign design, Bootstrap bootstrap) {
        return analyze(problem, design, evaluate(problem, design, model), bootstrap);
    }

    /**
     * Model outputs for every design row, in design row order; the model is called on chunks of at most 8192
     * rows, so the factor-value matrices stay small whatever the design size.
     */
    public static double[] evaluate(Problem problem, SaltelliDesign design, BatchModel model) {
        requireMatching(problem, design);
        // The outputs, then their copy split by role for the estimators.
        MemoryBudget.ofThisJvm().require(String.format(java.util.Locale.ROOT, "a Sobol' analysis of %,d model runs "
                + "(%,d base samples x %d)", design.rows(), design.baseSamples(), design.rowsPerBaseSample()),
                MemoryBudget.bytes(design.rows(), 2L * Double.BYTES), "use fewer base samples (the indices' "
                + "confidence intervals narrow only as one over their square root)");
        return ModelRuns.evaluate(problem, model, design.rows(), design::unitPoints);
    }

    /** Indices from outputs given in design row order; names from the problem. */
    public static SobolIndices analyze(Problem problem, SaltelliDesign design, double[] outputs,
            Bootstrap bootstrap) {
        requireMatching(problem, design);
        return analyze(design, outputs, problem.names(), bootstrap);
    }

    /**
     * Indices from outputs given in design row order.
     *
     * @throws SensitivityException if there is not one finite output per row, or A and B outputs do not vary
     */
    public static SobolIndices analyze(SaltelliDesign design, double[] outputs, List<String> names,
            Bootstrap bootstrap) {
        if (names.size() != design.factors()) {
            throw new IllegalArgumentException(names.size() + " factor names given for a design of "
                    + design.factors() + " factors");
        }
        ModelRuns.requireUsable(outputs, design.rows(), design.toString());
        SaltelliEstimators estimators = SaltelliEstimators.split(design, outputs);
        int n = estimators.baseSamples();
        int[] all = new int[n];
        for (int s = 0; s < n; s++) {
            all[s] = s;
        }
        SaltelliEstimators.Estimates point = estimators.estimate(all);

        int d = design.factors();
        int resamples = bootstrap.resamples();
        double[][] s1 = new double[d][resamples];
        double[][] st = new double[d][resamples];
        double[][][] s2 = design.secondOrder() ? new double[d][d][resamples] : null;
        for (int b = 0; b < resamples; b++) {
            SaltelliEstimators.Estimates e = estimators.estimate(bootstrap.resample(b, n));
            for (int i = 0; i < d; i++) {
                s1[i][b] = e.s1()[i];
                st[i][b] = e.st()[i];
                for (int j = i + 1; s2 != null && j < d; j++) {
                    s2[i][j][b] = e.s2()[i][j];
                }
            }
        }
        double[] s1Conf = new double[d];
        double[] stConf = new double[d];
        double[][] s2Conf = s2 == null ? null : new double[d][d];
        for (int i = 0; i < d; i++) {
            s1Conf[i] = bootstrap.halfWidth(s1[i]);
            stConf[i] = bootstrap.halfWidth(st[i]);
            for (int j = i + 1; s2 != null && j < d; j++) {
                s2Conf[i][j] = bootstrap.halfWidth(s2[i][j]);
                s2Conf[j][i] = s2Conf[i][j];
            }
        }
        return new SobolIndices(names, n, bootstrap, point.s1(), s1Conf, point.st(), stConf, point.s2(), s2Conf);
    }

    private static void requireMatching(Problem problem, SaltelliDesign design) {
        if (problem.dimensions() != design.factors()) {
            throw new IllegalArgumentException("problem has " + problem.dimensions() + " factors but the Saltelli "
                    + "design was built for " + design.factors());
        }
    }
}
