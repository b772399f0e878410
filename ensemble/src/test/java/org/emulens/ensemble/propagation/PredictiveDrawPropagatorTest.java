package org.emulens.ensemble.propagation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.emulens.engine.Activation;
import org.emulens.engine.DenseLayer;
import org.emulens.engine.Emulator;
import org.emulens.engine.ModelFiles;
import org.emulens.engine.Variable;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.cpu.CpuBackend;
import org.emulens.ensemble.rng.MemberDraws;
import org.emulens.ensemble.rng.ReservedStreams;
import org.emulens.ensemble.stats.MergeableMoments;
import org.emulens.ensemble.stats.StatisticsSpec;
import org.junit.jupiter.api.Test;

/**
 * Emulator uncertainty propagated with input uncertainty, on a Gaussian-process emulator exported from
 * scikit-learn (engine/src/test/resources/families). The known answer, from
 * scripts/train/make_family_fixtures.py: for x0 ~ N(0.9, 0.35^2) with x1 = 1.8 and x2 = 1.5 fixed, the
 * input-driven variance Var(m(X)) and the emulator variance E[v(X)] as Gauss-Hermite sums (80 nodes) of
 * sklearn's own predictive mean m and variance v.
 */
class PredictiveDrawPropagatorTest {
    private static final long SEED = 0x6A09_E667_F3BC_C908L;
    private static final int CELL = 17;
    private static final long MEMBERS = 100_000;
    /**
     * Every sampling check is |estimate - expected| <= 5 standard errors; with the estimates close to
     * normal at this member count, each fails by chance with probability 5.7e-7, and the five checks
     * together with at most 3e-6.
     */
    private static final double Z = 5.0;

    private static Path families() {
        String p = System.getProperty("emulens.project.dir");
        Path dir = p != null ? Path.of(p) : Path.of("").toAbsolutePath().getParent();
        return dir.resolve("engine/src/test/resources/families");
    }

    /** x0 perturbed by a Gaussian with the budget case's sd; x1 and x2 at their nominal values. */
    private static MemberInputs inputs(float[] nominal, float sd0) {
        return (cell, first, count, rows, offset) -> {
            for (int r = 0; r < count; r++) {
                float z = MemberDraws.normal(SEED, ReservedStreams.INPUT_PERTURBATION, cell, first + r, 0);
                int at = (offset + r) * nominal.length;
                rows[at] = nominal[0] + sd0 * z;
                rows[at + 1] = nominal[1];
                rows[at + 2] = nominal[2];
            }
        };
    }

    @Test
    void totalVarianceIsInputVariancePlusEmulatorVariance() throws IOException {
        List<String> lines = Files.readAllLines(families().resolve("gp_budget.expected.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        String[] row = lines.get(1).split(",");
        java.util.function.ToDoubleFunction<String> col = name -> Double.parseDouble(row[header.indexOf(name)]);
        float[] nominal = {(float) col.applyAsDouble("x0"), (float) col.applyAsDouble("x1"),
            (float) col.applyAsDouble("x2")};
        float sd0 = (float) col.applyAsDouble("sd0");
        double expectedInput = col.applyAsDouble("input_variance");
        double expectedEmulator = col.applyAsDouble("emulator_variance");
        double expectedTotal = col.applyAsDouble("total_variance");
        double fourthMoment = col.applyAsDouble("fourth_central_moment");

        Emulator gp = ModelFiles.read(families().resolve("gp_squared_exponential.gp.yaml"));
        VarianceBudget b;
        try (CpuBackend cpu = new CpuBackend(2); CompiledEmulator model = cpu.compile(gp, TanhMode.EXACT)) {
            b = new PredictiveDrawPropagator(model, StatisticsSpec.builder().moments().build(), SEED, 8192)
                    .runMembers(CELL, 0, MEMBERS, inputs(nominal, sd0), null)[0];
        }
        System.out.printf("[emulens-ensemble] GP budget: %s; expected total %.6g = input %.6g + emulator %.6g%n", b,
                expectedTotal, expectedInput, expectedEmulator);
        assertEquals(MEMBERS, b.total().moments().count());

        // Standard error of a sample variance: sqrt((mu4 - sigma^4) / n).
        double totalSe = Math.sqrt((fourthMoment - expectedTotal * expectedTotal) / MEMBERS);
        assertEquals(expectedTotal, b.totalVariance(), Z * totalSe, "total variance against the known answer");

        MergeableMoments means = b.predictiveMeans();
        double meansMu4 = (means.populationExcessKurtosis() + 3) * Math.pow(means.populationVariance(), 2);
        double inputSe = Math.sqrt((meansMu4 - Math.pow(means.populationVariance(), 2)) / MEMBERS);
        assertEquals(expectedInput, b.inputVariance(), Z * inputSe, "input-driven variance against the known answer");

        double emulatorSe = Math.sqrt(b.predictiveVariances().populationVariance() / MEMBERS);
        assertEquals(expectedEmulator, b.emulatorVariance(), Z * emulatorSe, "emulator variance against the known answer");

        // The decomposition itself: the draws add E[v(X)] to the spread of the means, no more, no less. The
        // difference is the sample variance of the draw terms plus twice their covariance with the means,
        // whose standard error is below that of the total.
        assertEquals(b.totalVariance(), b.inputVariance() + b.emulatorVariance(), Z * totalSe,
                "total = input-driven + emulator variance");
        assertTrue(expectedEmulator > 5 * Z * totalSe && expectedInput > 5 * Z * totalSe,
                "both parts are large against the sampling error, so leaving either out would fail");
    }

    @Test
    void chunkingDoesNotChangeABit() {
        Emulator gp = ModelFiles.read(families().resolve("gp_matern32.gp.yaml"));
        MemberInputs in = inputs(new float[] {0.2f, -0.1f, 0.3f}, 0.4f);
        StatisticsSpec spec = StatisticsSpec.builder().moments().build();
        try (CpuBackend cpu = new CpuBackend(2); CompiledEmulator model = cpu.compile(gp, TanhMode.EXACT)) {
            VarianceBudget a = new PredictiveDrawPropagator(model, spec, SEED, 777).runMembers(3, 10, 5000, in, null)[0];
            VarianceBudget b = new PredictiveDrawPropagator(model, spec, SEED, 5000).runMembers(3, 10, 5000, in,
                    null)[0];
            assertEquals(a.total().moments().mean(), b.total().moments().mean(), 0.0);
            assertEquals(a.totalVariance(), b.totalVariance(), 0.0);
            assertEquals(a.emulatorVariance(), b.emulatorVariance(), 0.0);
        }
    }

    @Test
    void aModelWithoutPredictiveVarianceIsRefused() {
        Emulator mlp = Emulator.builder().name("line").input(Variable.of("x", "1")).output(Variable.of("y", "1"))
                .layer(new DenseLayer(1, 1, new float[] {2f}, new float[] {0f}, Activation.IDENTITY)).build();
        try (CpuBackend cpu = new CpuBackend(1); CompiledEmulator model = cpu.compile(mlp, TanhMode.EXACT)) {
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                    () -> new PredictiveDrawPropagator(model, StatisticsSpec.builder().moments().build(), SEED, 64));
            assertTrue(ex.getMessage().contains("multilayer perceptron"), ex.getMessage());
        }
    }
}
