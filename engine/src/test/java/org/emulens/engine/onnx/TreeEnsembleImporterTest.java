package org.emulens.engine.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import java.nio.file.Path;
import java.util.Random;
import org.emulens.engine.Emulator;
import org.emulens.engine.ModelFamily;
import org.emulens.engine.ModelFiles;
import org.emulens.engine.ModelFormatException;
import org.emulens.engine.OnnxRuntimeRows;
import org.emulens.engine.TestFiles;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.cpu.CpuBackend;
import org.emulens.engine.trees.TreeEnsemble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tree ensembles fitted by scikit-learn and XGBoost (scripts/train/make_family_fixtures.py), imported
 * and run on the CPU backend, against ONNX Runtime running the same files.
 */
class TreeEnsembleImporterTest {
    static final String[] FIXTURES = {"tree_random_forest", "tree_gradient_boosting", "tree_xgboost"};

    static Path fixture(String name) {
        return TestFiles.projectDir().resolve("engine/src/test/resources/families").resolve(name);
    }

    /** The fixture's 200 rows (some with a missing value) and 4000 more, uniform over and beyond the training box. */
    static float[] inputs(int d, int extra) {
        float[] given = TestFiles.readCsv(fixture("tree.inputs.csv")).floats(java.util.List.of("in0", "in1", "in2",
                "in3"));
        float[] x = java.util.Arrays.copyOf(given, given.length + extra * d);
        Random r = new Random(7);
        for (int i = given.length; i < x.length; i++) {
            x[i] = (float) (-2.5 + 5.0 * r.nextDouble());
        }
        return x;
    }

    @ParameterizedTest
    @ValueSource(strings = {"tree_random_forest", "tree_gradient_boosting", "tree_xgboost"})
    void cpuBackendAgreesWithOnnxRuntime(String name) throws OrtException {
        Path file = fixture(name + ".onnx");
        Emulator e = ModelFiles.read(file);
        assertEquals(ModelFamily.TREE_ENSEMBLE, e.family());
        int d = e.inputCount();
        float[] x = inputs(d, 4000);
        int n = x.length / d;
        float[] ours = new float[n];
        try (CpuBackend b = new CpuBackend(2); CompiledEmulator c = b.compile(e, TanhMode.EXACT)) {
            c.evaluate(x, ours, n);
        }
        float[] theirs = OnnxRuntimeRows.run(file, x, n, d);
        int missingRows = 0;
        for (int i = 0; i < n; i++) {
            // Same leaves, same float thresholds: only the rounding of the sum over trees may differ.
            double tol = 1e-5 * Math.max(1.0, Math.abs(theirs[i]));
            assertTrue(Math.abs(ours[i] - theirs[i]) <= tol, name + " row " + i + ": onnxruntime " + theirs[i]
                    + ", emulens " + ours[i]);
            for (int k = 0; k < d; k++) {
                missingRows += Float.isNaN(x[i * d + k]) ? 1 : 0;
            }
        }
        assertTrue(missingRows >= 10, "the inputs exercise missing values");
    }

    @Test
    void theFixturesAreTheModelsTheScriptDescribes() {
        TreeEnsemble rf = ModelFiles.read(fixture("tree_random_forest.onnx")).trees();
        assertEquals(25, rf.treeCount());
        assertEquals(TreeEnsemble.Aggregate.AVERAGE, rf.aggregate());
        assertTrue(rf.maxDepth() <= 7);
        TreeEnsemble gb = ModelFiles.read(fixture("tree_gradient_boosting.onnx")).trees();
        assertEquals(60, gb.treeCount());
        assertEquals(TreeEnsemble.Aggregate.SUM, gb.aggregate());
        assertNotEquals(0.0f, gb.baseValues()[0]);
        TreeEnsemble xgb = ModelFiles.read(fixture("tree_xgboost.onnx")).trees();
        assertEquals(40, xgb.treeCount());
        boolean tracksTrue = false;
        boolean tracksFalse = false;
        for (int i = 0; i < xgb.nodeCount(); i++) {
            if (xgb.mode(i) != org.emulens.engine.trees.NodeMode.LEAF) {
                tracksTrue |= xgb.missingTracksTrue(i);
                tracksFalse |= !xgb.missingTracksTrue(i);
            }
        }
        assertTrue(tracksTrue && tracksFalse, "XGBoost learnt default directions both ways");
    }

    @Test
    void hashIsStableAndTellsModelsApart() {
        Emulator a = ModelFiles.read(fixture("tree_random_forest.onnx"));
        Emulator b = ModelFiles.read(fixture("tree_random_forest.onnx"));
        Emulator c = ModelFiles.read(fixture("tree_gradient_boosting.onnx"));
        assertEquals(a.hash(), b.hash());
        assertNotEquals(a.hash(), c.hash());
    }

    @Test
    void anUnsupportedPostTransformIsRejectedByName() {
        ModelFormatException ex = assertThrows(ModelFormatException.class,
                () -> ModelFiles.read(fixture("tree_unsupported_post_transform.onnx")));
        assertTrue(ex.getMessage().contains("post_transform PROBIT"), ex.getMessage());
        assertTrue(ex.getMessage().contains("tree_unsupported_post_transform.onnx"), ex.getMessage());
    }

    /** Found by fuzzing: a tree node that writes nothing was an IndexOutOfBoundsException. */
    @Test
    void aTreeNodeWithoutAnOutputIsRejectedByName(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        ai.onnx.proto.OnnxMl.ModelProto m = ai.onnx.proto.OnnxMl.ModelProto.parseFrom(
                java.nio.file.Files.readAllBytes(fixture("tree_random_forest.onnx")));
        ai.onnx.proto.OnnxMl.ModelProto.Builder b = m.toBuilder();
        b.getGraphBuilder().getNodeBuilder(0).clearOutput();
        Path f = dir.resolve("no_output.onnx");
        java.nio.file.Files.write(f, b.build().toByteArray());
        ModelFormatException ex = assertThrows(ModelFormatException.class, () -> ModelFiles.read(f));
        assertTrue(ex.getMessage().contains("must write the one graph output"), ex.getMessage());
    }
}
