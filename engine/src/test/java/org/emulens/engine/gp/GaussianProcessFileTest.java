package org.emulens.engine.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.emulens.engine.Emulator;
import org.emulens.engine.ModelFamily;
import org.emulens.engine.ModelFiles;
import org.emulens.engine.ModelFormatException;
import org.emulens.engine.TestFiles;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.cpu.CpuBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GP emulator files exported from scikit-learn (scripts/train/make_family_fixtures.py) against sklearn's
 * own predictive mean and variance at held-out points, stored by the script.
 */
class GaussianProcessFileTest {

    static Path fixture(String name) {
        return TestFiles.projectDir().resolve("engine/src/test/resources/families").resolve(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"squared_exponential", "matern32", "matern52"})
    void meanAndVarianceAgreeWithScikitLearn(String kernel) {
        Emulator e = ModelFiles.read(fixture("gp_" + kernel + ".gp.yaml"));
        assertEquals(ModelFamily.GAUSSIAN_PROCESS, e.family());
        assertEquals(CovarianceKernel.ofFileName(kernel), e.gaussianProcess().kernel());
        TestFiles.Csv expected = TestFiles.readCsv(fixture("gp_" + kernel + ".expected.csv"));
        float[] x = expected.floats(List.of("x0", "x1", "x2"));
        double[] mean = expected.column("mean");
        double[] variance = expected.column("variance");
        int n = mean.length;
        double[] ourMean = new double[n];
        double[] ourVariance = new double[n];
        float[] floatMean = new float[n];
        try (CpuBackend b = new CpuBackend(1); CompiledEmulator c = b.compile(e, TanhMode.EXACT)) {
            assertTrue(c.hasPredictiveVariance());
            c.evaluateWithVariance(x, ourMean, ourVariance, n);
            c.evaluate(x, floatMean, n);
        }
        for (int i = 0; i < n; i++) {
            // float64 throughout; only the order of sums differs from numpy's BLAS.
            assertEquals(mean[i], ourMean[i], 1e-6 * Math.abs(mean[i]), kernel + " mean, row " + i);
            assertEquals(variance[i], ourVariance[i], 1e-6 * Math.abs(variance[i]), kernel + " variance, row " + i);
            assertEquals((float) ourMean[i], floatMean[i], kernel + " evaluate() gives the mean");
        }
    }

    @Test
    void kernelsHashApart() {
        assertNotEquals(ModelFiles.read(fixture("gp_matern32.gp.yaml")).hash(),
                ModelFiles.read(fixture("gp_matern52.gp.yaml")).hash());
    }

    @Test
    void aShortCholeskyRowIsNamedWithItsLine(@TempDir Path dir) throws IOException {
        String text = Files.readString(fixture("gp_matern32.gp.yaml"));
        int at = text.indexOf("cholesky:");
        int rowStart = text.indexOf("  - [", at);
        int rowEnd = text.indexOf("\n", rowStart);
        String broken = text.substring(0, rowStart) + "  - [1.0, 2.0]" + text.substring(rowEnd);
        Path file = dir.resolve("broken.gp.yaml");
        Files.writeString(file, broken);
        ModelFormatException ex = assertThrows(ModelFormatException.class, () -> ModelFiles.read(file));
        assertTrue(ex.getMessage().contains("broken.gp.yaml"), ex.getMessage());
        assertTrue(ex.getMessage().contains("expected the 1 values of row 0"), ex.getMessage());
    }

    @Test
    void anUnknownKernelFamilyIsRejected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("rq.gp.yaml");
        Files.writeString(file, Files.readString(fixture("gp_matern32.gp.yaml"))
                .replace("family: matern32", "family: rational_quadratic"));
        ModelFormatException ex = assertThrows(ModelFormatException.class, () -> ModelFiles.read(file));
        assertTrue(ex.getMessage().contains("rational_quadratic"), ex.getMessage());
    }
}
