package org.emulens.kernels.tornado;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emulens.engine.Activation;
import org.emulens.engine.Emulator;
import org.emulens.engine.RandomModels;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.kernels.TestStudies;
import org.junit.jupiter.api.Test;

/** The plain forward pass ({@code CompiledEmulator.evaluate}) against the CPU backend. */
class TornadoForwardTest {

    @Test
    void everyActivationAgreesWithTheCpuBackend() {
        TornadoBackend b = SharedTornado.orSkip();
        Activation[] hidden = {Activation.TANH, Activation.RELU, Activation.SIGMOID, Activation.SOFTPLUS,
                Activation.elu(1f), Activation.IDENTITY};
        for (int t = 0; t < hidden.length; t++) {
            Emulator e = RandomModels.mlp(60 + t, hidden[t], 5, 24, 17, 3);
            // More rows than one launch holds, so that chunking is exercised.
            int rows = TornadoCompiledEmulator.ROWS_PER_LAUNCH + 1234;
            float[] x = RandomModels.inputs(61 + t, rows, 5);
            x[7] = Float.NaN;
            for (TanhMode tanh : TanhMode.values()) {
                float[] expected = TestStudies.cpuForward(e, tanh, x, rows);
                double[] magnitude = RandomModels.naiveMagnitude(e, x, rows);
                float[] actual = new float[expected.length];
                try (CompiledEmulator model = b.compile(e, tanh)) {
                    model.evaluate(x, actual, rows);
                }
                boolean exact = hidden[t].kind() == Activation.Kind.IDENTITY
                        || hidden[t].kind() == Activation.Kind.RELU
                        || (hidden[t].kind() == Activation.Kind.TANH && tanh == TanhMode.FAST);
                for (int i = 0; i < expected.length; i++) {
                    if (exact) {
                        // Only + - * / and comparisons, in the CPU's order, none fused: the same bits.
                        assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]),
                                e.name() + " " + hidden[t] + " " + tanh + " value " + i + ": bits of " + expected[i]
                                        + " vs " + actual[i]);
                        continue;
                    }
                    if (Float.isNaN(expected[i])) {
                        assertTrue(Float.isNaN(actual[i]), e.name() + " " + tanh + " value " + i + ": NaN kept");
                        continue;
                    }
                    // float sums in the same order, but OpenCL's double tanh/exp are within a few double ulps of
                    // Java's: an activation may differ by an ulp of float, and later layers sum such differences,
                    // so outputs agree to ~1e-6 of Σ|terms| (the naive magnitude), which can be far above |output|
                    // (cancellation).
                    assertEquals(expected[i], actual[i], 1e-5 * (magnitude[i] + Math.abs(expected[i])),
                            e.name() + " " + hidden[t] + " " + tanh + " value " + i);
                }
            }
        }
    }

    @Test
    void checksItsArgumentsAsEveryBackendDoes() {
        TornadoBackend b = SharedTornado.orSkip();
        Emulator e = RandomModels.mlp(70, Activation.TANH, 3, 4, 1);
        try (CompiledEmulator model = b.compile(e, TanhMode.EXACT)) {
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                    () -> model.evaluate(new float[5], new float[2], 2));
            assertEquals("2 members need 6 input values, found 5", ex.getMessage());
        }
    }
}
