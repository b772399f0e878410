package org.emulens.ensemble.calibration;

/** Cholesky factorisation of small symmetric positive-definite matrices (observation and prior covariances). */
final class DenseCholesky {
    private DenseCholesky() {
    }

    /** Lower-triangular L with L Lᵀ = a; {@code what} names the matrix in the error if it is not positive definite. */
    static double[][] factor(double[][] a, String what) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new CalibrationException(what + ": not positive definite (pivot " + s + " at row " + i + ")");
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    /** Solves L Lᵀ x = b. */
    static double[] solve(double[][] l, double[] b) {
        int n = b.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    static double[][] inverse(double[][] l) {
        int n = l.length;
        double[][] inv = new double[n][];
        for (int j = 0; j < n; j++) {
            double[] e = new double[n];
            e[j] = 1;
            inv[j] = solve(l, e);
        }
        return inv;
    }

    static double logDeterminant(double[][] l) {
        double s = 0;
        for (int i = 0; i < l.length; i++) {
            s += 2 * Math.log(l[i][i]);
        }
        return s;
    }
}
