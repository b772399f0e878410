package org.emulens.ensemble.sensitivity;

import org.emulens.ensemble.design.Problem;

/**
 * Standard sensitivity-analysis test functions with closed-form Sobol' indices: users check a design and
 * sample size on them before trusting it on an emulator ({@code emulens sobol --function ishigami}), and
 * the tests take their expected values from the closed forms, never from our own estimates.
 */
public final class TestFunctions {
    public static final double ISHIGAMI_A = 7;
    public static final double ISHIGAMI_B = 0.1;
    /** Saltelli et al. 2010's choice: one dominant, two medium, one small and four negligible factors. */
    public static final double[] G_A = {0, 1, 4.5, 9, 99, 99, 99, 99};

    private TestFunctions() {
    }

    /** x1, x2, x3 ~ U(-pi, pi). */
    public static Problem ishigamiProblem() {
        return Problem.builder().uniform("x1", -Math.PI, Math.PI).uniform("x2", -Math.PI, Math.PI)
                .uniform("x3", -Math.PI, Math.PI).build();
    }

    /** Ishigami and Homma (1990): {@code sin x1 + a sin^2 x2 + b x3^4 sin x1}. */
    public static BatchModel ishigami(double a, double b) {
        return (rows, out) -> {
            for (int i = 0; i < rows.length; i++) {
                double[] x = rows[i];
                out[i] = Math.sin(x[0]) + a * Math.sin(x[1]) * Math.sin(x[1])
                        + b * Math.pow(x[2], 4) * Math.sin(x[0]);
            }
        };
    }

    /**
     * Analytic first-order and total indices of the Ishigami function (Ishigami and Homma 1990; Sobol' and
     * Levitan 1999): {@code V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2}, {@code V1 = b pi^4/5 + b^2 pi^8/50 + 1/2},
     * {@code V2 = a^2/8}, {@code V3 = 0}, {@code V13 = 8 b^2 pi^8 / 225}, no other interactions.
     * Returns {S1, ST, {S13}}.
     */
    public static double[][] ishigamiIndices(double a, double b) {
        double pi4 = Math.pow(Math.PI, 4);
        double pi8 = Math.pow(Math.PI, 8);
        double v = a * a / 8 + b * pi4 / 5 + b * b * pi8 / 18 + 0.5;
        double v1 = b * pi4 / 5 + b * b * pi8 / 50 + 0.5;
        double v2 = a * a / 8;
        double v13 = 8 * b * b * pi8 / 225;
        return new double[][] {{v1 / v, v2 / v, 0}, {(v1 + v13) / v, v2 / v, v13 / v}, {v13 / v}};
    }

    /** d factors ~ U(0, 1). */
    public static Problem unitProblem(int d) {
        Problem.Builder b = Problem.builder();
        for (int i = 0; i < d; i++) {
            b.uniform("x" + (i + 1), 0, 1);
        }
        return b.build();
    }

    /** Sobol's G-function (Sobol' 1993; Saltelli and Sobol' 1995): {@code prod (|4 x_i - 2| + a_i) / (1 + a_i)}. */
    public static BatchModel gFunction(double[] a) {
        double[] coefficients = a.clone();
        return (rows, out) -> {
            for (int r = 0; r < rows.length; r++) {
                double g = 1;
                for (int i = 0; i < coefficients.length; i++) {
                    g *= (Math.abs(4 * rows[r][i] - 2) + coefficients[i]) / (1 + coefficients[i]);
                }
                out[r] = g;
            }
        };
    }

    /**
     * Analytic indices of the G-function (Saltelli et al. 2010, section 4): {@code V_i = 1 / (3 (1 + a_i)^2)},
     * {@code V = prod (1 + V_i) - 1}, {@code S_i = V_i / V}, {@code ST_i = V_i prod_{j != i} (1 + V_j) / V}.
     * Returns {S1, ST}.
     */
    public static double[][] gIndices(double[] a) {
        int d = a.length;
        double[] vi = new double[d];
        double product = 1;
        for (int i = 0; i < d; i++) {
            vi[i] = 1 / (3 * (1 + a[i]) * (1 + a[i]));
            product *= 1 + vi[i];
        }
        double v = product - 1;
        double[] s1 = new double[d];
        double[] st = new double[d];
        for (int i = 0; i < d; i++) {
            s1[i] = vi[i] / v;
            st[i] = vi[i] * (product / (1 + vi[i])) / v;
        }
        return new double[][] {s1, st};
    }
}
