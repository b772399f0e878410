package org.emulens.engine.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.emulens.engine.Emulator;
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
 * Imports graphs written in the patterns of PyTorch, tf2onnx and skl2onnx (made by
 * scripts/train/make_onnx_fixtures.py) and compares with outputs that an independent numpy
 * evaluation of the same graphs wrote beside them.
 */
class OnnxImporterTest {

    @ParameterizedTest
    @ValueSource(strings = {"keras_style", "sklearn_style", "gemm_variants"})
    void importedGraphsReproduceTheNumpyEvaluation(String name) {
        Emulator e = OnnxImporter.read(TestFiles.onnxFixture(name + ".onnx"));
        TestFiles.Csv in = TestFiles.readCsv(TestFiles.onnxFixture(name + ".inputs.csv"));
        TestFiles.Csv expected = TestFiles.readCsv(TestFiles.onnxFixture(name + ".expected.csv"));
        int n = in.rows().length;
        assertEquals(in.header().size(), e.inputCount());
        float[] x = in.floats(in.header());
        float[] y = new float[n * e.outputCount()];
        try (CpuBackend b = new CpuBackend(1); CompiledEmulator c = b.compile(e, TanhMode.EXACT)) {
            c.evaluate(x, y, n);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < e.outputCount(); j++) {
                double want = expected.rows()[i][j];
                // Both sides are float32 with different summation orders: 1e-5 relative, 1e-6 absolute near zero.
                assertEquals(want, y[i * e.outputCount() + j], 1e-5 * Math.abs(want) + 1e-6,
                        name + " row " + i + " output " + j);
            }
        }
    }

    @Test
    void withoutSidecarTheVariablesGetPlaceholderNames() {
        Emulator e = OnnxImporter.read(TestFiles.onnxFixture("keras_style.onnx"));
        assertEquals("x0", e.inputs().get(0).name());
        assertTrue(e.metadata().get("sidecar").startsWith("none"));
    }

    @Test
    void unsupportedOperatorIsNamedWithFileAndNode() {
        Path f = TestFiles.onnxFixture("unsupported_op.onnx");
        ModelFormatException ex = assertThrows(ModelFormatException.class, () -> OnnxImporter.read(f));
        String m = ex.getMessage();
        assertTrue(m.contains("unsupported_op.onnx") && m.contains("'unsupported_node'")
                && m.contains("unsupported operator"), m);
        assertEquals(1, m.lines().count());
    }

    @Test
    void twoDynamicInputsAreNotAnEmulator() {
        ModelFormatException ex = assertThrows(ModelFormatException.class,
                () -> OnnxImporter.read(TestFiles.onnxFixture("two_inputs.onnx")));
        assertTrue(ex.getMessage().contains("2 inputs"), ex.getMessage());
    }

    @Test
    void truncatedFileIsReported(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(TestFiles.onnxFixture("keras_style.onnx"));
        Path cut = dir.resolve("cut.onnx");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        ModelFormatException ex = assertThrows(ModelFormatException.class, () -> OnnxImporter.read(cut));
        assertTrue(ex.getMessage().startsWith(cut.toString()), ex.getMessage());
        assertTrue(ex.getMessage().contains("truncated") || ex.getMessage().contains("not an ONNX model"),
                ex.getMessage());
    }

    @Test
    void textFileIsNotAModel(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("inputs.onnx");
        Files.writeString(csv, "theta,theta_wilt,theta_crit\n0.3,0.1,0.3\n");
        ModelFormatException ex = assertThrows(ModelFormatException.class, () -> OnnxImporter.read(csv));
        assertTrue(ex.getMessage().contains("not an ONNX model"), ex.getMessage());
    }

    @Test
    void sidecarThatDisagreesWithTheGraphIsNamed(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("m.onnx");
        Files.copy(TestFiles.onnxFixture("keras_style.onnx"), model);
        Files.writeString(dir.resolve("m.yaml"), "inputs:\n  - name: a\noutputs:\n  - name: y\n");
        ModelFormatException ex = assertThrows(ModelFormatException.class, () -> OnnxImporter.read(model));
        assertTrue(ex.getMessage().contains("the sidecar names 1 inputs but the graph takes"), ex.getMessage());
    }

    @Test
    void sidecarTypoIsReportedWithItsLine(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("m.onnx");
        Files.copy(TestFiles.onnxFixture("keras_style.onnx"), model);
        Files.writeString(dir.resolve("m.yaml"), "name: m\ninputs:\n  - name: a\n    unit: K\noutputs:\n  - name: y\n");
        ModelFormatException ex = assertThrows(ModelFormatException.class, () -> OnnxImporter.read(model));
        assertTrue(ex.getMessage().contains("m.yaml:4: unknown key 'unit'"), ex.getMessage());
    }

    @Test
    void foldsExporterConstantsIntoTheCanonicalForm() {
        // gemm_variants starts with Sub and Mul by constants: they must become the input normalisation,
        // not an extra layer, and the graph's two Gemms plus activations give exactly its layers.
        Emulator e = OnnxImporter.read(TestFiles.onnxFixture("gemm_variants.onnx"));
        assertTrue(!e.inputNormalisation().isIdentity());
        List<String> acts = e.layers().stream().map(l -> l.activation().kind().name()).toList();
        assertTrue(acts.contains("ELU") && acts.contains("SOFTPLUS") && acts.contains("SIGMOID"), acts.toString());
    }
}
