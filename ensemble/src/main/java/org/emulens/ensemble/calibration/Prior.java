package org.emulens.ensemble.calibration;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.emulens.ensemble.design.Factor;
import org.emulens.ensemble.design.Problem;

/**
 * A prior over the calibrated parameters: independent marginals (uniform, normal, lognormal, …, as
 * {@link Factor}s), optionally joined by a Gaussian copula with the given correlation matrix, and restricted to
 * a box (the emulator's valid input ranges) outside which the emulator must not be asked. Unit-cube points from
 * any design map to prior draws: through the copula's Cholesky factor first, then each marginal's inverse CDF.
 * Immutable.
 */
public final class Prior {
    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);
    private final Problem problem;
    private final double[][] cholesky;
    private final double[][] inverseCorrelation;
    private final double logDetCorrelation;
    private final double[] lower;
    private final double[] upper;
    private final ContinuousDistribution[] marginals;

    private Prior(Problem problem, double[][] correlation, double[] lower, double[] upper) {
        int d = problem.dimensions();
        this.problem = problem;
        this.marginals = new ContinuousDistribution[d];
        for (int j = 0; j < d; j++) {
            marginals[j] = problem.factor(j).marginal().distribution();
        }
        this.lower = lower.clone();
        this.upper = upper.clone();
        for (int j = 0; j < d; j++) {
            Factor f = problem.factor(j);
            if (!(lower[j] < upper[j])) {
                throw new CalibrationException("parameter '" + f.name() + "': the allowed range [" + lower[j] + ", "
                        + upper[j] + "] is empty");
            }
            double mass = marginals[j].cumulativeProbability(upper[j]) - marginals[j].cumulativeProbability(lower[j]);
            if (!(mass > 0)) {
                throw new CalibrationException("parameter '" + f.name() + "': the prior " + f.marginal()
                        + " has zero mass inside the allowed range [" + lower[j] + ", " + upper[j]
                        + "] (the model's valid range of that input); widen or move the prior");
            }
        }
        if (correlation == null) {
            this.cholesky = null;
            this.inverseCorrelation = null;
            this.logDetCorrelation = 0;
        } else {
            if (correlation.length != d) {
                throw new CalibrationException("prior correlation: expected a " + d + " x " + d + " matrix, found "
                        + correlation.length + " rows");
            }
            for (int i = 0; i < d; i++) {
                if (correlation[i].length != d || correlation[i][i] != 1.0) {
                    throw new CalibrationException("prior correlation: row " + i + " must have " + d
                            + " values and 1 on the diagonal");
                }
                for (int k = 0; k < i; k++) {
                    if (correlation[i][k] != correlation[k][i]) {
                        throw new CalibrationException("prior correlation: not symmetric at (" + i + ", " + k + ")");
                    }
                }
            }
            this.cholesky = DenseCholesky.factor(correlation, "prior correlation");
            this.inverseCorrelation = DenseCholesky.inverse(cholesky);
            this.logDetCorrelation = DenseCholesky.logDeterminant(cholesky);
        }
    }

    /** Independent marginals restricted to {@code [lower, upper]} per parameter. */
    public static Prior independent(Problem problem, double[] lower, double[] upper) {
        return new Prior(problem, null, lower, upper);
    }

    /** Marginals joined by a Gaussian copula with correlation matrix {@code correlation}, restricted to the box. */
    public static Prior correlated(Problem problem, double[][] correlation, double[] lower, double[] upper) {
        return new Prior(problem, correlation, lower, upper);
    }

    public int dimensions() {
        return problem.dimensions();
    }

    public List<String> names() {
        return problem.names();
    }

    public Problem problem() {
        return problem;
    }

    public double lower(int j) {
        return lower[j];
    }

    public double upper(int j) {
        return upper[j];
    }

    public boolean isCorrelated() {
        return cholesky != null;
    }

    /** Whether {@code x} lies inside the allowed box (where the prior density is defined). */
    public boolean inside(double[] x) {
        for (int j = 0; j < x.length; j++) {
            if (!(x[j] >= lower[j] && x[j] <= upper[j])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The parameter values at unit-cube point {@code u} (coordinates strictly inside (0, 1)), before the
     * restriction to the box: callers discard draws that are not {@link #inside}.
     */
    public double[] valueAt(double[] u) {
        int d = dimensions();
        if (u.length != d) {
            throw new IllegalArgumentException("unit point has " + u.length + " coordinates, expected " + d);
        }
        if (cholesky == null) {
            return problem.valuesAt(u);
        }
        double[] z = new double[d];
        for (int j = 0; j < d; j++) {
            z[j] = STANDARD.inverseCumulativeProbability(u[j]);
        }
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            double zc = 0;
            for (int k = 0; k <= i; k++) {
                zc += cholesky[i][k] * z[k];
            }
            v[i] = problem.factor(i).valueAt(STANDARD.cumulativeProbability(zc));
        }
        return v;
    }

    /**
     * Log prior density at {@code x} up to a constant (−∞ outside the box): the sum of the marginal log
     * densities, plus for a copula {@code −½ zᵀ(R⁻¹ − I)z − ½ log|R|} with {@code z = Φ⁻¹(F(x))}.
     */
    public double logDensity(double[] x) {
        if (!inside(x)) {
            return Double.NEGATIVE_INFINITY;
        }
        double sum = 0;
        for (int j = 0; j < x.length; j++) {
            sum += marginals[j].logDensity(x[j]);
        }
        if (cholesky != null && Double.isFinite(sum)) {
            int d = x.length;
            double[] z = new double[d];
            for (int j = 0; j < d; j++) {
                z[j] = STANDARD.inverseCumulativeProbability(marginals[j].cumulativeProbability(x[j]));
                if (!Double.isFinite(z[j])) {
                    return Double.NEGATIVE_INFINITY;
                }
            }
            double q = 0;
            for (int i = 0; i < d; i++) {
                for (int k = 0; k < d; k++) {
                    q += z[i] * (inverseCorrelation[i][k] - (i == k ? 1 : 0)) * z[k];
                }
            }
            sum += -0.5 * q - 0.5 * logDetCorrelation;
        }
        return sum;
    }

    @Override
    public String toString() {
        return "Prior" + problem.factors() + " on " + Arrays.toString(lower) + ".." + Arrays.toString(upper)
                + (cholesky != null ? " with Gaussian copula" : "");
    }
}
