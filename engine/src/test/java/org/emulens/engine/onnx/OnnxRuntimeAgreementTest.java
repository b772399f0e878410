package org.emulens.engine.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import java.nio.file.Path;
import java.util.Random;
import org.emulens.engine.Emulator;
import org.emulens.engine.RandomModels;
import org.emulens.engine.OnnxRuntimeRows;
import org.emulens.engine.TestFiles;
import org.emulens.engine.Variable;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.cpu.CpuBackend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ONNX Runtime, an independent implementation, runs the same files on the same inputs. */
class OnnxRuntimeAgreementTest {

    @ParameterizedTest
    @ValueSource(strings = {"models/beta.onnx", "models/gpp_lue.onnx",
            "engine/src/test/resources/onnx/keras_style.onnx", "engine/src/test/resources/onnx/sklearn_style.onnx",
            "engine/src/test/resources/onnx/gemm_variants.onnx"})
    void cpuBackendAgreesWithOnnxRuntime(String relative) throws OrtException {
        Path file = TestFiles.projectDir().resolve(relative);
        Emulator e = OnnxImporter.read(file);
        int n = 4096;
        float[] x = inputsInRange(e, n, 42);
        float[] ours = new float[n * e.outputCount()];
        try (CpuBackend b = new CpuBackend(2); CompiledEmulator c = b.compile(e, TanhMode.EXACT)) {
            c.evaluate(x, ours, n);
        }
        float[] theirs = OnnxRuntimeRows.run(file, x, n, e.inputCount());
        double[] magnitude = RandomModels.naiveMagnitude(e, x, n);
        for (int i = 0; i < ours.length; i++) {
            // 1e-5 relative, plus float rounding of the magnitudes summed (as in CpuBackendTest).
            double tol = 1e-5 * Math.abs(theirs[i]) + 64 * 0x1p-24 * magnitude[i];
            assertTrue(Math.abs(ours[i] - theirs[i]) <= tol,
                    relative + " element " + i + ": onnxruntime " + theirs[i] + ", emulens " + ours[i]);
        }
    }

    /** Uniform within each input's valid range where stated, standard normal otherwise. */
    static float[] inputsInRange(Emulator e, int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * e.inputCount()];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < e.inputCount(); k++) {
                Variable v = e.inputs().get(k);
                x[i * e.inputCount() + k] = (float) (v.hasRange()
                        ? v.validMin() + r.nextDouble() * (v.validMax() - v.validMin()) : r.nextGaussian());
            }
        }
        return x;
    }
}
