package org.emulens.ensemble.sensitivity;

import org.emulens.ensemble.design.SaltelliDesign;

/**
 * The Sobol' index estimators on the outputs of a {@link SaltelliDesign}, written as in SALib's
 * {@code sobol.analyze} so results carry over:
 * <ul>
 * <li>first order (Saltelli et al. 2010, table 2 (b)): {@code S_i = mean(f_B (f_ABi - f_A)) / V}</li>
 * <li>total (Jansen 1999, ibid. table 2 (f)): {@code ST_i = mean((f_A - f_ABi)^2) / (2 V)}</li>
 * <li>second order (Saltelli 2002): {@code S_ij = mean(f_BAi f_ABj - f_A f_B) / V - S_i - S_j}</li>
 * </ul>
 * with {@code V} the variance (n denominator) of the A and B outputs pooled. Outputs are centred on their overall
 * mean first, as SALib does: the first- and second-order estimators are not shift invariant for finite n, and
 * centring removes the large error a big output mean would otherwise add.
 *
 * <p>Every estimate takes an index vector picking the base points to use, the identity for the point estimate
 * and a bootstrap resample for confidence intervals, so both go through the same code.
 */
final class SaltelliEstimators {
    private final double[] a;
    private final double[] b;
    private final double[][] ab;
    private final double[][] ba;

    /** Estimates for one choice of base points; {@code s2} is null without second order. */
    record Estimates(double[] s1, double[] st, double[][] s2) {
    }

    private SaltelliEstimators(double[] a, double[] b, double[][] ab, double[][] ba) {
        this.a = a;
        this.b = b;
        this.ab = ab;
        this.ba = ba;
    }

    /** Splits (centred) outputs by role, reading the layout from the design. */
    static SaltelliEstimators split(SaltelliDesign design, double[] outputs) {
        double mean = 0;
        for (double y : outputs) {
            mean += y;
        }
        mean /= outputs.length;
        int n = design.baseSamples();
        int d = design.factors();
        double[] a = new double[n];
        double[] b = new double[n];
        double[][] ab = new double[d][n];
        double[][] ba = design.secondOrder() ? new double[d][n] : null;
        for (int s = 0; s < n; s++) {
            a[s] = outputs[design.rowA(s)] - mean;
            b[s] = outputs[design.rowB(s)] - mean;
            for (int i = 0; i < d; i++) {
                ab[i][s] = outputs[design.rowAB(s, i)] - mean;
                if (ba != null) {
                    ba[i][s] = outputs[design.rowBA(s, i)] - mean;
                }
            }
        }
        return new SaltelliEstimators(a, b, ab, ba);
    }

    int baseSamples() {
        return a.length;
    }

    /** The variance of the pooled A and B outputs of the chosen base points, n denominator (two-pass). */
    double variance(int[] points) {
        double mean = 0;
        for (int s : points) {
            mean += a[s] + b[s];
        }
        mean /= 2.0 * points.length;
        double sum = 0;
        for (int s : points) {
            sum += (a[s] - mean) * (a[s] - mean) + (b[s] - mean) * (b[s] - mean);
        }
        return sum / (2.0 * points.length);
    }

    /** All indices computed from the base points {@code points} (repeats allowed). */
    Estimates estimate(int[] points) {
        double v = variance(points);
        if (!(v > 0)) {
            throw new SensitivityException("model outputs on the A and B rows have variance " + v
                    + ", expected > 0; Sobol' indices are undefined for an output that does not vary");
        }
        int d = ab.length;
        double[] s1 = new double[d];
        double[] st = new double[d];
        for (int i = 0; i < d; i++) {
            double first = 0;
            double total = 0;
            for (int s : points) {
                double diff = ab[i][s] - a[s];
                first += b[s] * diff;
                total += diff * diff;
            }
            s1[i] = first / points.length / v;
            st[i] = total / points.length / (2 * v);
        }
        return new Estimates(s1, st, ba == null ? null : secondOrder(points, v, s1));
    }

    private double[][] secondOrder(int[] points, double v, double[] s1) {
        int d = ab.length;
        double[][] s2 = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double sum = 0;
                for (int s : points) {
                    sum += ba[i][s] * ab[j][s] - a[s] * b[s];
                }
                s2[i][j] = sum / points.length / v - s1[i] - s1[j];
                s2[j][i] = s2[i][j];
            }
        }
        return s2;
    }
}
