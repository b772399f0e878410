package org.emulens.io.study.gpp;

import java.util.ArrayList;
import java.util.List;
import org.emulens.ensemble.design.Problem;
import org.emulens.ensemble.design.SaltelliDesign;
import org.emulens.ensemble.sensitivity.BatchModel;
import org.emulens.ensemble.sensitivity.Bootstrap;
import org.emulens.ensemble.sensitivity.SobolAnalysis;
import org.emulens.ensemble.sensitivity.SobolIndices;

/**
 * Which input's uncertainty matters in one cell: first-order and total Sobol' indices of a model's output
 * over the uncertain inputs, each a normal factor with the cell's nominal value as mean and its total
 * error sd as sd (error components collapse into one independent factor per input), and the dominant
 * input, the one with the largest total index. Inputs with sd 0 are not factors and get indices 0.
 */
public final class InputAttribution {
    /** Returned as the dominant index when no input is uncertain or the output does not vary. */
    public static final int NONE = -1;

    private final double[] s1;
    private final double[] st;
    private final int dominant;

    private InputAttribution(double[] s1, double[] st, int dominant) {
        this.s1 = s1;
        this.st = st;
        this.dominant = dominant;
    }

    /**
     * @param names the inputs, in the model's order
     * @param nominal nominal values of all inputs
     * @param sigma total error sd of each input (0: not uncertain)
     * @param model the output for full input rows (all inputs, in order)
     * @param baseSamples Saltelli base sample count (a power of two)
     * @param seed scrambling seed of the design; the same in every cell so that maps are comparable
     */
    public static InputAttribution of(List<String> names, float[] nominal, float[] sigma, BatchModel model,
            int baseSamples, long seed) {
        int n = names.size();
        List<Integer> uncertain = new ArrayList<>();
        Problem.Builder pb = Problem.builder();
        for (int k = 0; k < n; k++) {
            if (sigma[k] > 0) {
                uncertain.add(k);
                pb.normal(names.get(k), nominal[k], sigma[k]);
            }
        }
        double[] s1 = new double[n];
        double[] st = new double[n];
        if (uncertain.isEmpty()) {
            return new InputAttribution(s1, st, NONE);
        }
        Problem problem = pb.build();
        SaltelliDesign design = SaltelliDesign.scrambledSobol(uncertain.size(), baseSamples, false, seed);
        double[] outputs = SobolAnalysis.evaluate(problem, design, (rows, out) -> {
            double[][] full = new double[rows.length][n];
            for (int r = 0; r < rows.length; r++) {
                for (int k = 0; k < n; k++) {
                    full[r][k] = nominal[k];
                }
                for (int u = 0; u < uncertain.size(); u++) {
                    full[r][uncertain.get(u)] = rows[r][u];
                }
            }
            model.evaluate(full, out);
        });
        if (variance(outputs) <= 0) {
            return new InputAttribution(s1, st, NONE);
        }
        SobolIndices idx = SobolAnalysis.analyze(problem, design, outputs, Bootstrap.defaults(seed));
        int dominant = NONE;
        for (int u = 0; u < uncertain.size(); u++) {
            int k = uncertain.get(u);
            s1[k] = idx.s1(u);
            st[k] = idx.st(u);
            if (dominant == NONE || st[k] > st[dominant]) {
                dominant = k;
            }
        }
        return new InputAttribution(s1, st, dominant);
    }

    public double s1(int input) {
        return s1[input];
    }

    public double st(int input) {
        return st[input];
    }

    /** Index of the input with the largest total Sobol' index, or {@link #NONE}. */
    public int dominant() {
        return dominant;
    }

    private static double variance(double[] y) {
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= y.length;
        double s = 0;
        for (double v : y) {
            s += (v - mean) * (v - mean);
        }
        return s / y.length;
    }
}
