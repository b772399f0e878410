package org.emulens.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emulens.engine.Activation;
import org.emulens.engine.Emulator;
import org.emulens.engine.RandomModels;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class CpuBackendTest {

    /**
     * Float accumulation against a double reference. A correct float pass is off by a few float
     * epsilons (6e-8) times the magnitude of what was summed, so the tolerance is 1e-5 relative plus
     * 64 epsilons of that magnitude (plus {@code abs} for approximations): far below what a wrong
     * weight, index or activation does.
     */
    private static void assertClose(double[] expected, double[] magnitude, float[] actual, double rel, double abs) {
        for (int i = 0; i < expected.length; i++) {
            double tol = rel * Math.abs(expected[i]) + 64 * 0x1p-24 * magnitude[i] + abs;
            assertTrue(Math.abs(actual[i] - expected[i]) <= tol,
                    "element " + i + ": expected " + expected[i] + ", found " + actual[i]);
        }
    }

    private static float[] run(Emulator e, float[] x, int n, int threads, TanhMode mode) {
        float[] y = new float[n * e.outputCount()];
        try (CpuBackend b = new CpuBackend(threads); CompiledEmulator c = b.compile(e, mode)) {
            c.evaluate(x, y, n);
        }
        return y;
    }

    @ParameterizedTest
    @EnumSource(Activation.Kind.class)
    void matchesAnIndependentDoublePrecisionForwardPass(Activation.Kind kind) {
        Activation a = kind == Activation.Kind.ELU ? Activation.elu(0.8f) : new Activation(kind, 0f);
        Emulator e = RandomModels.mlp(kind.ordinal(), a, 6, 32, 64, 3);
        int n = 1000;
        float[] x = RandomModels.inputs(11, n, 6);
        assertClose(RandomModels.naiveForward(e, x, n), RandomModels.naiveMagnitude(e, x, n),
                run(e, x, n, 2, TanhMode.EXACT), 1e-5, 0);
    }

    @Test
    void fastTanhStaysWithinItsPropagatedBound() {
        // Each hidden unit may be off by 5e-7; through weights of size ~1.5/sqrt(width) and output scale <= 5.1
        // that is at most a few 1e-5 at the output. 1e-4 absolute still fails for any real defect.
        Emulator e = RandomModels.mlp(3, Activation.TANH, 8, 64, 64, 64, 1);
        int n = 2000;
        float[] x = RandomModels.inputs(5, n, 8);
        assertClose(RandomModels.naiveForward(e, x, n), RandomModels.naiveMagnitude(e, x, n),
                run(e, x, n, 2, TanhMode.FAST), 1e-5, 1e-4);
    }

    @Test
    void resultsDoNotDependOnThreadsOrBatchSize() {
        Emulator e = RandomModels.mlp(9, Activation.TANH, 5, 48, 48, 2);
        int n = 5000;
        float[] x = RandomModels.inputs(1, n, 5);
        for (TanhMode mode : TanhMode.values()) {
            float[] one = run(e, x, n, 1, mode);
            assertArrayEquals(one, run(e, x, n, 2, mode), 0f);
            assertArrayEquals(one, run(e, x, n, 3, mode), 0f);
            // Member 4321 alone, and a batch that starts mid-block, give the same bits.
            float[] single = run(e, java.util.Arrays.copyOfRange(x, 4321 * 5, 4322 * 5), 1, 1, mode);
            assertArrayEquals(java.util.Arrays.copyOfRange(one, 4321 * 2, 4322 * 2), single, 0f);
            float[] tail = run(e, java.util.Arrays.copyOfRange(x, 1000 * 5, n * 5), n - 1000, 2, mode);
            assertArrayEquals(java.util.Arrays.copyOfRange(one, 1000 * 2, n * 2), tail, 0f);
        }
    }

    @Test
    void aThreadEvaluatorGivesTheBitsOfEvaluate() {
        Emulator e = RandomModels.mlp(9, Activation.TANH, 5, 48, 48, 2);
        int n = 3 * CpuForwardPass.BLOCK + 17;
        float[] x = RandomModels.inputs(2, n, 5);
        for (TanhMode mode : TanhMode.values()) {
            float[] expected = run(e, x, n, 2, mode);
            float[] y = new float[n * 2];
            try (CpuBackend b = new CpuBackend(2); CompiledEmulator c = b.compile(e, mode)) {
                c.threadEvaluator().orElseThrow().evaluate(x, y, n);
                assertArrayEquals(expected, y, 0f, mode.toString());
                c.close();
                assertThrows(IllegalStateException.class, () -> c.threadEvaluator().orElseThrow().evaluate(x, y, n));
            }
        }
    }

    @Test
    void simdLoopsAreBitIdenticalToTheScalarReference() {
        org.junit.jupiter.api.Assumptions.assumeTrue(SimdSupport.available(),
                "skipped: " + SimdSupport.describe());
        for (int[] shape : new int[][] {{6, 32, 32, 1}, {8, 64, 64, 64, 1}, {5, 7, 13, 3}, {3, 255, 2}}) {
            for (Activation a : new Activation[] {Activation.TANH, Activation.RELU, Activation.SIGMOID}) {
                Emulator e = RandomModels.mlp(shape.length, a, shape);
                for (int count : new int[] {CpuForwardPass.BLOCK, 1, 31, 33, 200}) {
                    float[] x = RandomModels.inputs(count, count, shape[0]);
                    for (TanhMode mode : TanhMode.values()) {
                        float[] scalar = new float[count * e.outputCount()];
                        float[] simd = new float[count * e.outputCount()];
                        CpuForwardPass s = new CpuForwardPass(e, mode, false);
                        CpuForwardPass v = new CpuForwardPass(e, mode, true);
                        s.evaluateBlock(x, scalar, 0, count, s.newScratch());
                        v.evaluateBlock(x, simd, 0, count, v.newScratch());
                        assertArrayEquals(scalar, simd, 0f, java.util.Arrays.toString(shape) + " " + a + " " + mode);
                    }
                }
            }
        }
    }

    @Test
    void nanInputsGiveNanOutputsOnlyForTheirRow() {
        Emulator e = RandomModels.mlp(2, Activation.RELU, 3, 16, 1);
        float[] x = RandomModels.inputs(3, 4, 3);
        x[1 * 3 + 2] = Float.NaN;
        float[] y = run(e, x, 4, 1, TanhMode.EXACT);
        assertTrue(Float.isNaN(y[1]));
        assertTrue(Float.isFinite(y[0]) && Float.isFinite(y[2]) && Float.isFinite(y[3]));
    }

    @Test
    void closedObjectsRefuseWork() {
        Emulator e = RandomModels.mlp(2, Activation.TANH, 3, 4, 1);
        CpuBackend b = new CpuBackend(1);
        CompiledEmulator c = b.compile(e, TanhMode.EXACT);
        c.close();
        assertThrows(IllegalStateException.class, () -> c.evaluate(new float[3], new float[1], 1));
        b.close();
        assertThrows(IllegalStateException.class, () -> b.compile(e, TanhMode.EXACT));
    }

    @Test
    void tooShortArraysAreRejected() {
        Emulator e = RandomModels.mlp(2, Activation.TANH, 3, 4, 1);
        try (CpuBackend b = new CpuBackend(1); CompiledEmulator c = b.compile(e, TanhMode.EXACT)) {
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                    () -> c.evaluate(new float[5], new float[2], 2));
            assertTrue(ex.getMessage().contains("2 members need 6 input values, found 5"), ex.getMessage());
        }
    }
}
