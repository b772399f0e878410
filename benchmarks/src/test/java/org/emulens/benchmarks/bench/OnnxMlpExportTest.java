package org.emulens.benchmarks.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.emulens.engine.BenchmarkShapes;
import org.emulens.engine.Emulator;
import org.emulens.engine.ModelFiles;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.cpu.CpuBackend;
import org.emulens.engine.onnx.OnnxImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OnnxMlpExportTest {

    static Path project() {
        return Path.of(System.getProperty("emulens.project.dir", "..")).toAbsolutePath().normalize();
    }

    /** Our importer reads the export back to the same layers, and to identity normalisations. */
    @ParameterizedTest
    @ValueSource(strings = {"A", "B"})
    void importerReadsTheExportBack(String shape, @TempDir Path dir) throws Exception {
        Emulator e = BenchmarkShapes.byName(shape);
        Path file = dir.resolve("shape.onnx");
        Files.write(file, OnnxMlpExport.toBytes(e));
        Emulator back = OnnxImporter.read(file);
        assertEquals(e.layers(), back.layers());
        // The importer writes an identity offset as -0.0, which equals() tells from 0.0; isIdentity() does not.
        assertTrue(back.inputNormalisation().isIdentity());
        assertTrue(back.outputDenormalisation().isIdentity());
    }

    /**
     * ONNX Runtime, an independent implementation, runs the export of a model whose normalisation is outside
     * its layers (beta) and of shape A, and agrees with the CPU backend.
     */
    @Test
    void onnxRuntimeRunsTheExportLikeTheCpuBackend() {
        for (Emulator e : new Emulator[] {ModelFiles.read(project().resolve("models/beta.onnx")),
                BenchmarkShapes.shapeA()}) {
            int n = 2048;
            int d = e.inputCount();
            float[] x = new float[n * d];
            SplittableRandom r = new SplittableRandom(5);
            for (int i = 0; i < x.length; i++) {
                var v = e.inputs().get(i % d);
                x[i] = (float) (v.hasRange() ? v.validMin() + r.nextDouble() * (v.validMax() - v.validMin())
                        : 2 * r.nextDouble() - 1);
            }
            float[] ours = new float[n * e.outputCount()];
            try (CpuBackend b = new CpuBackend(1); CompiledEmulator c = b.compile(e, TanhMode.EXACT)) {
                c.evaluate(x, ours, n);
            }
            float[] theirs = new float[n * e.outputCount()];
            try (OrtForwardPass ort = new OrtForwardPass(OnnxMlpExport.toBytes(e), e, 1, x, n, 1000)) {
                for (int b = 0; b < ort.batches(); b++) {
                    ort.run(b, theirs, b * 1000);
                }
            }
            for (int i = 0; i < ours.length; i++) {
                // Float sums of 64 products of magnitude below 1 in another order, and another tanh: 1e-5 is
                // some 100 roundings of the largest partial sums, far above what either order loses.
                assertTrue(Math.abs(ours[i] - theirs[i]) <= 1e-5 * Math.max(1, Math.abs(ours[i])),
                        e.name() + " output " + i + ": emulens " + ours[i] + ", onnxruntime " + theirs[i]);
            }
        }
    }
}
