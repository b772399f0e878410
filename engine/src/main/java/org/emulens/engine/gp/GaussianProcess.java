package org.emulens.engine.gp;

import java.util.Arrays;
import org.emulens.engine.InvalidModelException;

/**
 * An immutable Gaussian-process emulator of one output: the posterior of a zero-mean GP with a
 * stationary kernel, conditioned on n training points, on a normalised output scale. For an input x
 * (in float64),
 * <pre>
 *   k_i   = variance * correlation(|x - X_i|_l)              i = 1..n
 *   mean  = yMean + yStd * sum_i k_i alpha_i
 *   v     = L^-1 k                                           (forward substitution)
 *   var   = yStd^2 * max(0, variance - v.v)
 * </pre>
 * with {@code alpha = (K + noise I)^-1 y_normalised} and {@code L} the lower Cholesky factor of
 * {@code K + noise I}, as scikit-learn's {@code GaussianProcessRegressor} stores them ({@code alpha_},
 * {@code L_}, {@code _y_train_mean}, {@code _y_train_std}). The training-noise term is in L and
 * alpha only: the variance is that of the latent function, which is what sklearn's {@code predict}
 * returns for a kernel without a {@code WhiteKernel}.
 */
public final class GaussianProcess {
    private final CovarianceKernel kernel;
    private final double variance;
    private final double[] lengthScales;
    private final int points;
    private final double[] trainingInputs;
    private final double[] scaledInputs;
    private final double[] alpha;
    private final double[] cholesky;
    private final double yMean;
    private final double yStd;

    /**
     * @param trainingInputs row-major {@code [n][d]}
     * @param cholesky the lower triangle of L by rows, {@code n (n + 1) / 2} values
     */
    public GaussianProcess(CovarianceKernel kernel, double variance, double[] lengthScales, double[] trainingInputs,
            double[] alpha, double[] cholesky, double yMean, double yStd) {
        if (kernel == null) {
            throw new InvalidModelException("Gaussian process: no kernel family");
        }
        int d = lengthScales.length;
        if (d == 0) {
            throw new InvalidModelException("Gaussian process: no length scales (one per input expected)");
        }
        int n = alpha.length;
        if (n == 0) {
            throw new InvalidModelException("Gaussian process: no training points");
        }
        if (trainingInputs.length != (long) n * d) {
            throw new InvalidModelException("Gaussian process: expected " + n + " training rows of " + d
                    + " inputs (one per alpha), found " + trainingInputs.length + " values");
        }
        if (cholesky.length != (long) n * (n + 1) / 2) {
            throw new InvalidModelException("Gaussian process: expected a Cholesky factor of " + n + " rows ("
                    + ((long) n * (n + 1) / 2) + " values in its lower triangle), found " + cholesky.length);
        }
        if (!(variance > 0) || !Double.isFinite(variance)) {
            throw new InvalidModelException("Gaussian process: kernel variance must be positive, found " + variance);
        }
        if (!(yStd > 0) || !Double.isFinite(yStd) || !Double.isFinite(yMean)) {
            throw new InvalidModelException("Gaussian process: expected finite y_mean and positive y_std, found "
                    + yMean + " and " + yStd);
        }
        for (int i = 0; i < d; i++) {
            if (!(lengthScales[i] > 0) || !Double.isFinite(lengthScales[i])) {
                throw new InvalidModelException("Gaussian process: length scale " + i + " must be positive, found "
                        + lengthScales[i]);
            }
        }
        checkFinite(trainingInputs, "training input");
        checkFinite(alpha, "alpha");
        checkFinite(cholesky, "Cholesky factor");
        for (int i = 0; i < n; i++) {
            double diagonal = cholesky[(int) ((long) i * (i + 1) / 2 + i)];
            if (!(diagonal > 0)) {
                throw new InvalidModelException("Gaussian process: Cholesky factor row " + i
                        + " has diagonal " + diagonal + ", expected positive");
            }
        }
        this.kernel = kernel;
        this.variance = variance;
        this.lengthScales = lengthScales.clone();
        this.points = n;
        this.alpha = alpha.clone();
        this.cholesky = cholesky.clone();
        this.yMean = yMean;
        this.yStd = yStd;
        this.trainingInputs = trainingInputs.clone();
        // Divide by the length scales once, as sklearn does before taking distances.
        this.scaledInputs = new double[trainingInputs.length];
        for (int p = 0; p < n; p++) {
            for (int i = 0; i < d; i++) {
                scaledInputs[p * d + i] = trainingInputs[p * d + i] / lengthScales[i];
            }
        }
    }

    private static void checkFinite(double[] v, String what) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new InvalidModelException("Gaussian process: " + what + " value " + i + " is " + v[i]);
            }
        }
    }

    /** Scratch for {@link #predict}: one per thread. */
    public double[] newScratch() {
        return new double[points + lengthScales.length];
    }

    /**
     * The predictive mean and variance at {@code x[xOffset .. xOffset + d)}, written to
     * {@code out[outOffset]} and {@code out[outOffset + 1]}. A NaN input gives NaN for both.
     */
    public void predict(double[] x, int xOffset, double[] out, int outOffset, double[] scratch) {
        int d = lengthScales.length;
        double[] k = scratch;
        double[] z = scratch;
        for (int i = 0; i < d; i++) {
            z[points + i] = x[xOffset + i] / lengthScales[i];
        }
        double mean = 0.0;
        for (int p = 0; p < points; p++) {
            double r2 = 0.0;
            for (int i = 0; i < d; i++) {
                double diff = z[points + i] - scaledInputs[p * d + i];
                r2 += diff * diff;
            }
            k[p] = variance * kernel.correlation(r2);
            mean += k[p] * alpha[p];
        }
        // Forward substitution in place: k becomes v = L^-1 k.
        double quad = 0.0;
        int row = 0;
        for (int i = 0; i < points; i++) {
            double s = k[i];
            for (int j = 0; j < i; j++) {
                s -= cholesky[row + j] * k[j];
            }
            double v = s / cholesky[row + i];
            k[i] = v;
            quad += v * v;
            row += i + 1;
        }
        double latent = Math.max(0.0, variance - quad);
        out[outOffset] = yMean + yStd * mean;
        out[outOffset + 1] = Double.isNaN(quad) ? Double.NaN : latent * yStd * yStd;
    }

    /** The predictive mean alone at {@code x[xOffset .. xOffset + d)}: no triangular solve. */
    public double predictMean(double[] x, int xOffset, double[] scratch) {
        int d = lengthScales.length;
        for (int i = 0; i < d; i++) {
            scratch[points + i] = x[xOffset + i] / lengthScales[i];
        }
        double mean = 0.0;
        for (int p = 0; p < points; p++) {
            double r2 = 0.0;
            for (int i = 0; i < d; i++) {
                double diff = scratch[points + i] - scaledInputs[p * d + i];
                r2 += diff * diff;
            }
            mean += variance * kernel.correlation(r2) * alpha[p];
        }
        return yMean + yStd * mean;
    }

    public CovarianceKernel kernel() {
        return kernel;
    }

    public double variance() {
        return variance;
    }

    public double[] lengthScales() {
        return lengthScales.clone();
    }

    public int inputs() {
        return lengthScales.length;
    }

    public int points() {
        return points;
    }

    public double[] alpha() {
        return alpha.clone();
    }

    public double[] cholesky() {
        return cholesky.clone();
    }

    /** The training inputs, row-major {@code [n][d]}. */
    public double[] trainingInputs() {
        return trainingInputs.clone();
    }

    public double yMean() {
        return yMean;
    }

    public double yStd() {
        return yStd;
    }

    /** Multiply-adds (or their like) for the mean: per training point a scaled distance and a kernel term. */
    public long meanOperations() {
        return (long) points * (3L * lengthScales.length + 2);
    }

    /** Further multiply-adds for the variance: the triangular solve and the sum of squares. */
    public long varianceOperations() {
        return (long) points * (points + 1) / 2 + points;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GaussianProcess g && kernel == g.kernel && variance == g.variance && yMean == g.yMean
                && yStd == g.yStd && Arrays.equals(lengthScales, g.lengthScales) && Arrays.equals(alpha, g.alpha)
                && Arrays.equals(cholesky, g.cholesky) && Arrays.equals(trainingInputs, g.trainingInputs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(alpha);
    }

    @Override
    public String toString() {
        return "GaussianProcess(" + kernel.fileName() + ", " + points + " points, " + lengthScales.length + " inputs)";
    }
}
