package org.emulens.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import java.nio.file.Path;
import java.util.Random;
import org.emulens.engine.Emulator;
import org.emulens.engine.ModelFiles;
import org.emulens.engine.OnnxRuntimeRows;
import org.emulens.engine.TestFiles;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.ensemble.stats.CellStatistics;
import org.emulens.ensemble.stats.ExceedanceCounter;
import org.emulens.ensemble.stats.FixedBinHistogram;
import org.emulens.ensemble.stats.MergeableMoments;
import org.emulens.ensemble.stats.StatisticsSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tree ensembles fitted by scikit-learn and XGBoost (engine/src/test/resources/families) on a device
 * backend: the forward pass against ONNX Runtime and bit for bit against the CPU reference, and inside
 * the fused pass against the CPU propagator.
 */
public abstract class TreeFamilyContract {
    private static final long SEED = 0x5EED_7EE5L;

    protected abstract FusedEnsembleBackend backend();

    private static Path fixture(String name) {
        return TestFiles.projectDir().resolve("engine/src/test/resources/families").resolve(name + ".onnx");
    }

    /** Uniform over and beyond the training box, every 13th row with one input missing. */
    private static float[] inputs(int rows, int d) {
        Random r = new Random(99);
        float[] x = new float[rows * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (-2.5 + 5.0 * r.nextDouble());
        }
        for (int row = 0; row < rows; row += 13) {
            x[row * d + row % d] = Float.NaN;
        }
        return x;
    }

    @ParameterizedTest
    @ValueSource(strings = {"tree_random_forest", "tree_gradient_boosting", "tree_xgboost"})
    void forwardPassAgreesWithOnnxRuntimeAndIsTheCpusBitForBit(String name) throws OrtException {
        FusedEnsembleBackend b = backend();
        Emulator e = ModelFiles.read(fixture(name));
        int d = e.inputCount();
        int rows = 3000;
        float[] x = inputs(rows, d);
        float[] device = new float[rows];
        try (CompiledEmulator model = b.compile(e, TanhMode.EXACT)) {
            model.evaluate(x, device, rows);
        }
        float[] theirs = OnnxRuntimeRows.run(fixture(name), x, rows, d);
        for (int i = 0; i < rows; i++) {
            double tol = 1e-5 * Math.max(1.0, Math.abs(theirs[i]));
            assertTrue(Math.abs(device[i] - theirs[i]) <= tol, name + " on " + b.name() + " row " + i
                    + ": onnxruntime " + theirs[i] + ", device " + device[i]);
        }
        ForwardPassContract.assertBitIdentical(TestStudies.cpuForward(e, TanhMode.EXACT, x, rows), device,
                name + " on " + b.name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tree_random_forest", "tree_xgboost"})
    void fusedStatisticsAreTheCpuPropagatorsExactly(String name) {
        FusedEnsembleBackend b = backend();
        Emulator e = ModelFiles.read(fixture(name));
        CellPerturbation cells = TestStudies.gaussianCells(3, e.inputCount(), 41);
        StatisticsSpec spec = StatisticsSpec.builder().moments().histogram(-3, 6, 36).exceedance(0.0, 1.0, 2.5)
                .build();
        long first = 1_000;
        long members = 40_000;
        CellStatistics[][] expected = TestStudies.cpuStatistics(e, TanhMode.EXACT, spec, cells, SEED, first, members);
        DeviceCellStatistics[][] actual;
        try (CompiledEmulator model = b.compile(e, TanhMode.EXACT);
                FusedEnsembleRun run = b.fusedRun(model, FusedRunOptions.of(spec))) {
            actual = run.run(SEED, cells, first, members);
        }
        for (int c = 0; c < cells.cells(); c++) {
            String where = name + " on " + b.name() + ", cell " + c;
            MergeableMoments m = expected[c][0].moments();
            DeviceCellStatistics s = actual[c][0];
            // Members are the CPU's bit for bit, so everything counted or compared is equal; the device's
            // float Welford and tree merge differ from the CPU's double accumulation only by rounding.
            assertEquals(m.count(), s.count(), where + ": count");
            assertEquals(m.min(), s.min(), 0.0, where + ": min");
            assertEquals(m.max(), s.max(), 0.0, where + ": max");
            double sd = Math.sqrt(m.populationVariance());
            assertTrue(sd > 0, where + ": members vary");
            assertEquals(m.mean(), s.mean(), 2e-6 * (Math.abs(m.mean()) + sd), where + ": mean");
            assertEquals(m.populationVariance(), s.populationVariance(), 5e-6 * m.populationVariance(),
                    where + ": variance");
            FixedBinHistogram h = expected[c][0].histogram();
            assertArrayEquals(h.binCounts(), s.histogramCounts(), where + ": histogram");
            ExceedanceCounter x = expected[c][0].exceedance();
            for (int t = 0; t < 3; t++) {
                assertEquals(x.exceedanceCount(t), s.exceedanceCount(t), where + ": exceedance " + t);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void aGaussianProcessIsRefusedNamingWhereItRuns() {
        FusedEnsembleBackend b = backend();
        Emulator gp = ModelFiles.read(TestFiles.projectDir()
                .resolve("engine/src/test/resources/families/gp_matern52.gp.yaml"));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> b.compile(gp,
                TanhMode.EXACT));
        assertTrue(ex.getMessage().contains("cpu backend"), ex.getMessage());
    }
}
