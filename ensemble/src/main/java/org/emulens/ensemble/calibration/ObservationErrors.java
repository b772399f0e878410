package org.emulens.ensemble.calibration;

/**
 * The error model linking observations to the emulator, as in the EO uncertainty model: per observation an
 * independent random part (sd from the observations), a systematic part shared by all observations (one bias,
 * sd {@code systematicSd}), optionally the random parts correlated locally as {@code exp(−distance / length)},
 * plus the emulator's own error and a model discrepancy, both independent per observation.
 *
 * <p>Marginalising the shared bias gives the covariance {@code C = D + σ_s² 11ᵀ}; when D is diagonal (no local
 * correlation) the Gaussian log likelihood uses Sherman–Morrison and the matrix determinant lemma, O(n) per
 * residual vector, otherwise a Cholesky factor of C computed once. Immutable.
 */
public final class ObservationErrors {
    private final Observations observations;
    private final double systematicSd;
    private final double emulatorSd;
    private final double discrepancySd;
    private final double correlationLength;
    private final double[] diagonal;
    private final double[][] cholesky;
    private final double sumInverseDiagonal;
    private final double logDeterminant;

    private ObservationErrors(Observations observations, double systematicSd, double emulatorSd,
            double discrepancySd, double correlationLength, boolean forceDense) {
        requireSd("systematic sd", systematicSd);
        requireSd("emulator sd", emulatorSd);
        requireSd("discrepancy sd", discrepancySd);
        if (!(correlationLength >= 0) || (correlationLength > 0 && !observations.hasPositions())) {
            throw new CalibrationException(observations.source() + ": a correlation length (" + correlationLength
                    + ") needs observation positions and must be >= 0");
        }
        this.observations = observations;
        this.systematicSd = systematicSd;
        this.emulatorSd = emulatorSd;
        this.discrepancySd = discrepancySd;
        this.correlationLength = correlationLength;
        int n = observations.size();
        this.diagonal = new double[n];
        double independent = emulatorSd * emulatorSd + discrepancySd * discrepancySd;
        double sumInv = 0;
        double logDet = 0;
        for (int i = 0; i < n; i++) {
            double s = observations.randomSd(i);
            diagonal[i] = s * s + independent;
            if (!(diagonal[i] > 0)) {
                throw new CalibrationException(observations.source() + ": observation " + (i + 1)
                        + " has zero error variance (random sd 0 and no emulator or discrepancy error)");
            }
            sumInv += 1 / diagonal[i];
            logDet += Math.log(diagonal[i]);
        }
        if (correlationLength > 0 || forceDense) {
            double[][] c = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < n; k++) {
                    double rho = i == k ? 1 : correlationLength > 0
                            ? Math.exp(-observations.distance(i, k) / correlationLength) : 0;
                    c[i][k] = rho * observations.randomSd(i) * observations.randomSd(k)
                            + systematicSd * systematicSd + (i == k ? independent : 0);
                }
            }
            this.cholesky = DenseCholesky.factor(c, observations.source() + ": observation error covariance");
            this.logDeterminant = DenseCholesky.logDeterminant(cholesky);
        } else {
            this.cholesky = null;
            this.logDeterminant = logDet + Math.log1p(systematicSd * systematicSd * sumInv);
        }
        this.sumInverseDiagonal = sumInv;
    }

    public static ObservationErrors of(Observations observations, double systematicSd, double emulatorSd,
            double discrepancySd, double correlationLength) {
        return new ObservationErrors(observations, systematicSd, emulatorSd, discrepancySd, correlationLength, false);
    }

    /** The same model solved with a dense Cholesky factor even without correlation: the reference for tests. */
    static ObservationErrors dense(Observations observations, double systematicSd, double emulatorSd,
            double discrepancySd) {
        return new ObservationErrors(observations, systematicSd, emulatorSd, discrepancySd, 0, true);
    }

    public Observations observations() {
        return observations;
    }

    public double systematicSd() {
        return systematicSd;
    }

    public double emulatorSd() {
        return emulatorSd;
    }

    public double discrepancySd() {
        return discrepancySd;
    }

    public double correlationLength() {
        return correlationLength;
    }

    /** V_obs + V_emulator + V_discrepancy of observation {@code i}: the implausibility denominator squared. */
    public double implausibilityVariance(int i) {
        return diagonal[i] + systematicSd * systematicSd;
    }

    /** rᵀ C⁻¹ r for the residuals {@code r = z − f} stored at {@code r[offset .. offset + n)}. */
    public double quadraticForm(double[] r, int offset) {
        int n = diagonal.length;
        if (cholesky == null) {
            double a = 0;
            double b = 0;
            for (int i = 0; i < n; i++) {
                double x = r[offset + i];
                a += x * x / diagonal[i];
                b += x / diagonal[i];
            }
            double s2 = systematicSd * systematicSd;
            return a - s2 * b * b / (1 + s2 * sumInverseDiagonal);
        }
        double q = 0;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = r[offset + i];
            for (int k = 0; k < i; k++) {
                s -= cholesky[i][k] * y[k];
            }
            y[i] = s / cholesky[i][i];
            q += y[i] * y[i];
        }
        return q;
    }

    /** log |C|. */
    public double logDeterminant() {
        return logDeterminant;
    }

    /** The Gaussian log likelihood of residuals {@code r[offset .. offset + n)}, constants included. */
    public double logLikelihood(double[] r, int offset) {
        int n = diagonal.length;
        return -0.5 * (quadraticForm(r, offset) + logDeterminant + n * Math.log(2 * Math.PI));
    }

    private static void requireSd(String what, double v) {
        if (!(v >= 0 && Double.isFinite(v))) {
            throw new CalibrationException(what + ": expected a finite value >= 0, found " + v);
        }
    }
}
