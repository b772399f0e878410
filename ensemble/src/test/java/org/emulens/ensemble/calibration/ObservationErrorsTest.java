package org.emulens.ensemble.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.emulens.ensemble.design.Problem;
import org.junit.jupiter.api.Test;

class ObservationErrorsTest {
    private static Observations obs(double[] sd, double[][] pos) {
        int n = sd.length;
        double[][] in = new double[n][1];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = 0.1 * i - 0.2;
        }
        return new Observations("t.csv", List.of("x"), in, z, sd, pos);
    }

    @Test
    void shermanMorrisonAgreesWithTheDenseCholesky() {
        Observations o = obs(new double[] {0.1, 0.2, 0.05, 0.3, 0.15}, null);
        double[] r = {0.3, -0.1, 0.05, 0.2, -0.4};
        ObservationErrors fast = ObservationErrors.of(o, 0.07, 0.01, 0.02, 0);
        ObservationErrors dense = ObservationErrors.dense(o, 0.07, 0.01, 0.02);
        assertEquals(dense.quadraticForm(r, 0), fast.quadraticForm(r, 0), 1e-12 * dense.quadraticForm(r, 0));
        assertEquals(dense.logDeterminant(), fast.logDeterminant(), 1e-12 * Math.abs(dense.logDeterminant()));
    }

    @Test
    void twoObservationsWithSharedBiasMatchTheHandComputedGaussian() {
        // C = [[a + s, s], [s, b + s]] with a = 0.01, b = 0.04, s = 0.0025 (bias sd 0.05)
        Observations o = obs(new double[] {0.1, 0.2}, null);
        double a = 0.01 + 0.0025;
        double b = 0.04 + 0.0025;
        double c = 0.0025;
        double det = a * b - c * c;
        double r0 = 0.3;
        double r1 = -0.1;
        double q = (b * r0 * r0 - 2 * c * r0 * r1 + a * r1 * r1) / det;
        double expected = -0.5 * (q + Math.log(det) + 2 * Math.log(2 * Math.PI));
        assertEquals(expected, ObservationErrors.of(o, 0.05, 0, 0, 0).logLikelihood(new double[] {r0, r1}, 0), 1e-12);
    }

    @Test
    void locallyCorrelatedErrorsUseTheirCorrelation() {
        double[][] pos = {{0, 0}, {1, 0}};
        Observations o = obs(new double[] {0.1, 0.1}, pos);
        double rho = Math.exp(-1 / 2.0);
        double v = 0.01;
        double det = v * v * (1 - rho * rho);
        double r0 = 0.1;
        double r1 = 0.05;
        double q = v * (r0 * r0 - 2 * rho * r0 * r1 + r1 * r1) / det;
        assertEquals(q, ObservationErrors.of(o, 0, 0, 0, 2.0).quadraticForm(new double[] {r0, r1}, 0), 1e-9);
    }

    @Test
    void badObservationsAreNamed() {
        CalibrationException nan = assertThrows(CalibrationException.class, () -> new Observations("obs.csv",
                List.of("theta"), new double[][] {{0.1}, {0.2}}, new double[] {0.5, Double.NaN}, new double[] {0.1, 0.1}, null));
        assertTrue(nan.getMessage().contains("obs.csv: observation 2"), nan.getMessage());
        CalibrationException sd = assertThrows(CalibrationException.class, () -> new Observations("obs.csv",
                List.of("theta"), new double[][] {{0.1}}, new double[] {0.5}, new double[] {-1}, null));
        assertTrue(sd.getMessage().contains("random standard deviation"), sd.getMessage());
        Observations zero = obs(new double[] {0, 0.1}, null);
        CalibrationException var = assertThrows(CalibrationException.class, () -> ObservationErrors.of(zero, 0, 0, 0, 0));
        assertTrue(var.getMessage().contains("observation 1 has zero error variance"), var.getMessage());
    }

    @Test
    void aPriorWithoutMassInsideTheModelRangeIsAnError() {
        Problem p = Problem.builder().uniform("theta_wilt", 0.3, 0.4).build();
        CalibrationException e = assertThrows(CalibrationException.class,
                () -> Prior.independent(p, new double[] {0.02}, new double[] {0.2}));
        assertTrue(e.getMessage().contains("'theta_wilt'") && e.getMessage().contains("zero mass"), e.getMessage());
        Problem far = Problem.builder().normal("theta_wilt", 5, 0.01).build();
        assertThrows(CalibrationException.class, () -> Prior.independent(far, new double[] {0.02}, new double[] {0.2}));
    }

    @Test
    void aCorrelatedPriorHasTheGaussianCopulaDensity() {
        // two standard normal marginals with correlation 0.6: the copula prior is the bivariate normal
        Problem p = Problem.builder().normal("a", 0, 1).normal("b", 0, 1).build();
        double r = 0.6;
        Prior prior = Prior.correlated(p, new double[][] {{1, r}, {r, 1}}, new double[] {-10, -10}, new double[] {10, 10});
        double x = 0.7;
        double y = -0.4;
        double expected = -Math.log(2 * Math.PI) - 0.5 * Math.log(1 - r * r)
                - (x * x - 2 * r * x * y + y * y) / (2 * (1 - r * r));
        assertEquals(expected, prior.logDensity(new double[] {x, y}), 1e-9);
        // draws through the Cholesky factor have the stated correlation
        double[] v = prior.valueAt(new double[] {0.8413447460685429, 0.5});
        assertEquals(1.0, v[0], 1e-9);
        assertEquals(r, v[1], 1e-9);
    }
}
