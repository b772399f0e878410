package org.emulens.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InputGradientTest {

    /**
     * Central differences of the independent double-precision forward pass, step 1e-5: truncation error
     * ~h^2 |y'''| ~ 1e-10 and cancellation ~1e-16 |y| / h ~ 1e-11 for these models, so 1e-6 relative
     * to the gradient's size leaves a wide margin and still catches any wrong factor or sign.
     */
    @ParameterizedTest
    @ValueSource(strings = {"tanh", "sigmoid", "softplus", "elu", "relu"})
    void matchesFiniteDifferencesOfAnIndependentForwardPass(String activation) {
        Emulator e = RandomModels.mlp(41, Activation.parse(activation), 5, 16, 12, 3);
        float[] points = RandomModels.inputs(7, 20, 5);
        InputGradient gradient = InputGradient.of(e);
        for (int m = 0; m < 20; m++) {
            float[] x = new float[5];
            System.arraycopy(points, m * 5, x, 0, 5);
            for (int out = 0; out < 3; out++) {
                double[] g = gradient.at(x, out);
                double size = 0;
                for (double v : g) {
                    size = Math.max(size, Math.abs(v));
                }
                for (int k = 0; k < 5; k++) {
                    double fd = centralDifference(e, x, k, out, 1e-5);
                    assertEquals(fd, g[k], 1e-6 * Math.max(size, 1e-3),
                            activation + " member " + m + " output " + out + " input " + k);
                }
            }
        }
    }

    @Test
    void aGaussianProcessIsRefusedRatherThanGivenTheGradientOfItsScalingAlone() {
        Emulator gp = ModelFiles.read(TestFiles.projectDir().resolve("engine/src/test/resources/families/gp_matern52.gp.yaml"));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> InputGradient.of(gp));
        assertTrue(ex.getMessage().contains("Gaussian process"), ex.getMessage());
    }

    @Test
    void aLinearModelHasItsWeightsOverTheScalesAsGradient() {
        // y = 3 * (0.5 * (x0 - 1) / 2 - 4 * (x1 + 2) / 0.25) + 10: dy/dx0 = 3 * 0.5 / 2, dy/dx1 = -3 * 4 / 0.25
        Emulator e = Emulator.builder().name("linear")
                .input(Variable.of("x0", "1")).input(Variable.of("x1", "1")).output(Variable.of("y", "1"))
                .inputNormalisation(FeatureAffine.of(new float[] {1, -2}, new float[] {2, 0.25f}, "in"))
                .layer(new DenseLayer(2, 1, new float[] {0.5f, -4f}, new float[] {0}, Activation.IDENTITY))
                .outputDenormalisation(FeatureAffine.of(new float[] {10}, new float[] {3}, "out"))
                .build();
        double[] g = InputGradient.of(e).at(new float[] {0.3f, 7f}, 0);
        assertEquals(0.75, g[0], 1e-12);
        assertEquals(-48, g[1], 1e-12);
    }

    @Test
    void theDemoGppEmulatorFollowsItsTruthsSignsAndIsExactAgainstDifferences() {
        Emulator e = ModelFiles.read(Path.of(System.getProperty("user.dir")).getParent()
                .resolve("models/gpp_lue.onnx"));
        float[] x = {0.6f, 250f, 20f, 0.25f, 0.1f, 0.3f};
        double[] g = InputGradient.of(e).at(x, 0);
        for (int k = 0; k < x.length; k++) {
            double h = 1e-3 * Math.max(1, Math.abs(x[k]));
            assertEquals(centralDifference(e, x, k, 0, h), g[k], 1e-4 * Math.max(1, Math.abs(g[k])), "input " + k);
        }
        // the truth grows with fapar and shortwave and, below theta_crit, with theta
        assertEquals(1, Math.signum(g[0]));
        assertEquals(1, Math.signum(g[1]));
        assertEquals(1, Math.signum(g[3]));
    }

    @Test
    void wrongLengthIsRejectedWithTheCounts() {
        Emulator e = RandomModels.mlp(1, Activation.TANH, 3, 4, 1);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> InputGradient.of(e).at(new float[2], 0));
        assertEquals("gradient of 'random-1': expected 3 input values, found 2", ex.getMessage());
    }

    private static double centralDifference(Emulator e, float[] x, int k, int out, double h) {
        double[] up = new double[x.length];
        double[] down = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            up[i] = x[i];
            down[i] = x[i];
        }
        up[k] += h;
        down[k] -= h;
        return (RandomModels.naiveForward(e, up)[out] - RandomModels.naiveForward(e, down)[out]) / (2 * h);
    }
}
