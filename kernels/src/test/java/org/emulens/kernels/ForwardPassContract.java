package org.emulens.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.emulens.engine.Activation;
import org.emulens.engine.DenseLayer;
import org.emulens.engine.Emulator;
import org.emulens.engine.RandomModels;
import org.emulens.engine.Variable;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.cpu.FastTanh;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plain forward pass of a device backend against the CPU reference backend, on random models of several
 * shapes (widths up to 256) with every activation. Each device backend's test extends this.
 */
public abstract class ForwardPassContract {

    /** The backend under test, or a skipped test (with the reason) where it has no device. */
    protected abstract FusedEnsembleBackend backend();

    /**
     * Tolerance against the CPU backend where platform functions are involved (EXACT tanh via tanhf,
     * sigmoid/softplus/ELU via expf, log1pf, expm1f in float, where Java rounds a double once): each such call
     * may differ by an ulp or two (~1e-7 relative), and a few layers with weights of norm ~1.5 amplify that to
     * ~1e-6 at most. 1e-5 relative to max(|y|, the output's RMS) leaves a margin of ten, while a wrong weight,
     * order or activation shows up at 1e-2 and above.
     */
    static final double RELATIVE_TOLERANCE = 1e-5;

    static Stream<Arguments> shapes() {
        List<Arguments> list = new ArrayList<>();
        int[][] widths = {{6, 32, 32, 1}, {8, 64, 64, 64, 1}, {3, 256, 2}, {256, 16, 4}, {5, 17, 9, 3},
            {2, 256, 256, 1}};
        Activation[] activations = {Activation.IDENTITY, Activation.TANH, Activation.RELU, Activation.SIGMOID,
            Activation.SOFTPLUS, Activation.elu(0.7f)};
        long seed = 1;
        for (int[] w : widths) {
            for (Activation a : activations) {
                for (TanhMode t : TanhMode.values()) {
                    if (t == TanhMode.FAST && a.kind() != Activation.Kind.TANH) {
                        continue;
                    }
                    list.add(Arguments.of(seed++, a, t, w));
                }
            }
        }
        return list.stream();
    }

    /** Identity, ReLU and FAST tanh use only correctly rounded operations in the reference's order. */
    static boolean exactArithmetic(Activation a, TanhMode t) {
        return a.kind() == Activation.Kind.IDENTITY || a.kind() == Activation.Kind.RELU
                || (a.kind() == Activation.Kind.TANH && t == TanhMode.FAST);
    }

    @ParameterizedTest(name = "[{index}] {1} {2} {3}")
    @MethodSource("shapes")
    void agreesWithTheCpuBackend(long seed, Activation hidden, TanhMode tanh, int[] widths) {
        FusedEnsembleBackend b = backend();
        Emulator e = RandomModels.mlp(seed, hidden, widths);
        int rows = 3000;
        float[] x = RandomModels.inputs(seed + 100, rows, e.inputCount());
        float[] expected = TestStudies.cpuForward(e, tanh, x, rows);
        float[] actual = new float[expected.length];
        try (CompiledEmulator model = b.compile(e, tanh)) {
            model.evaluate(x, actual, rows);
        }
        if (exactArithmetic(hidden, tanh)) {
            assertBitIdentical(expected, actual, e.name());
        } else {
            assertClose(expected, actual, e.outputCount(), RELATIVE_TOLERANCE, e.name());
        }
    }

    @Test
    void fastTanhIsJavasFastTanhBitForBit() {
        FusedEnsembleBackend b = backend();
        Emulator e = Emulator.builder().name("tanh").input(Variable.of("x", "1")).output(Variable.of("y", "1"))
                .layer(new DenseLayer(1, 1, new float[] {1f}, new float[] {0f}, Activation.TANH)).build();
        List<Float> values = new ArrayList<>(List.of(0f, -0f, 9f, -9f, 8.999999f, 9.000001f, 1e-30f, -1e-30f,
                Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.NaN));
        for (float v = -10f; v <= 10f; v += 1f / 1024) {
            values.add(v);
        }
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) {
            values.add(Float.intBitsToFloat(r.nextInt()));
        }
        float[] x = new float[values.size()];
        float[] expected = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = values.get(i);
            // The pre-activation as the forward pass forms it: (x - 0) / 1, then bias 0 + 1 * z (so -0 becomes +0).
            float z = (x[i] - 0f) / 1f;
            expected[i] = FastTanh.tanh(0f + 1f * z);
        }
        float[] actual = new float[x.length];
        try (CompiledEmulator model = b.compile(e, TanhMode.FAST)) {
            model.evaluate(x, actual, x.length);
        }
        assertBitIdentical(expected, actual, "FAST tanh");
    }

    @Test
    void chunkedRowsGiveTheSameBitsAsTheReference() {
        FusedEnsembleBackend b = backend();
        // More rows than one launch holds, and a last chunk that is not a multiple of the work-group size.
        Emulator e = RandomModels.mlp(42, Activation.RELU, 4, 12, 2);
        int rows = 150_001;
        float[] x = RandomModels.inputs(43, rows, 4);
        float[] expected = TestStudies.cpuForward(e, TanhMode.EXACT, x, rows);
        float[] actual = new float[expected.length];
        try (CompiledEmulator model = b.compile(e, TanhMode.EXACT)) {
            model.evaluate(x, actual, rows);
            assertBitIdentical(expected, actual, "150001 rows");
            // A row's result does not depend on the batch it came in.
            float[] few = new float[2 * 7];
            model.evaluate(java.util.Arrays.copyOfRange(x, 4 * 1000, 4 * 1007), few, 7);
            assertBitIdentical(java.util.Arrays.copyOfRange(expected, 2 * 1000, 2 * 1007), few, "7 rows");
        }
    }

    @Test
    void refusesModelsWiderThanTheKernels() {
        Emulator wide = RandomModels.mlp(3, Activation.RELU, 2, 300, 1);
        FusedEnsembleBackend b = backend();
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> b.compile(wide, TanhMode.EXACT));
        assertTrue(ex.getMessage().contains("256") && ex.getMessage().contains("300"), ex.getMessage());
    }

    @Test
    void aClosedModelRefusesToEvaluate() {
        FusedEnsembleBackend b = backend();
        CompiledEmulator model = b.compile(RandomModels.mlp(4, Activation.RELU, 2, 3, 1), TanhMode.EXACT);
        model.close();
        assertThrows(IllegalStateException.class, () -> model.evaluate(new float[2], new float[1], 1));
    }

    protected static void assertBitIdentical(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                fail(what + ": value " + i + " expected " + expected[i] + " (bits "
                        + Integer.toHexString(Float.floatToRawIntBits(expected[i])) + "), found " + actual[i]
                        + " (bits " + Integer.toHexString(Float.floatToRawIntBits(actual[i])) + ")");
            }
        }
    }

    /** |actual − expected| ≤ tolerance · max(|expected|, RMS of that output column). */
    protected static void assertClose(float[] expected, float[] actual, int outputs, double tolerance, String what) {
        int rows = expected.length / outputs;
        double worst = 0;
        for (int j = 0; j < outputs; j++) {
            double sum = 0;
            for (int m = 0; m < rows; m++) {
                sum += (double) expected[m * outputs + j] * expected[m * outputs + j];
            }
            double rms = Math.sqrt(sum / rows);
            for (int m = 0; m < rows; m++) {
                int i = m * outputs + j;
                double scale = Math.max(Math.abs(expected[i]), rms);
                double error = Math.abs((double) actual[i] - expected[i]) / scale;
                worst = Math.max(worst, error);
                if (!(error <= tolerance)) {
                    fail(what + ": row " + m + " output " + j + " expected " + expected[i] + ", found " + actual[i]
                            + " (relative error " + error + " > " + tolerance + ")");
                }
            }
        }
        ForwardPassContract.record(what, worst);
    }

    /** Worst relative error per model, printed so that the agreement figures appear in the test log. */
    static void record(String what, double worst) {
        System.out.printf("[emulens-kernels] %s: worst relative difference from the CPU backend %.3g%n", what, worst);
    }
}
