package org.emulens.engine;

import java.util.SplittableRandom;

/**
 * The two reference MLP shapes that benchmarks and {@code emulens bench} use, with fixed pseudo-random
 * weights (scaled 1/sqrt(fan-in) so tanh units are neither saturated nor linear):
 * <ul>
 *   <li>A: 8 → 64 → 64 → 64 → 1, tanh — 17,536 FLOPs per member;</li>
 *   <li>B: 6 → 32 → 32 → 1, tanh — 2,496 FLOPs per member.</li>
 * </ul>
 * {@link #byName} also gives the tree-ensemble and Gaussian-process shapes T and G of {@link FamilyShapes}.
 */
public final class BenchmarkShapes {
    private BenchmarkShapes() {
    }

    public static Emulator shapeA() {
        return tanhMlp("shape-A", 8, 64, 64, 64, 1);
    }

    public static Emulator shapeB() {
        return tanhMlp("shape-B", 6, 32, 32, 1);
    }

    public static Emulator byName(String name) {
        switch (name.toUpperCase(java.util.Locale.ROOT)) {
            case "A":
                return shapeA();
            case "B":
                return shapeB();
            case "T":
                return FamilyShapes.shapeT();
            case "G":
                return FamilyShapes.shapeG();
            default:
                throw new IllegalArgumentException("unknown shape '" + name + "': expected A, B, T or G");
        }
    }

    public static Emulator tanhMlp(String name, int... widths) {
        return mlp(name, Activation.TANH, widths);
    }

    /**
     * A multilayer perceptron of the given widths with fixed pseudo-random weights and biases (the same for
     * every hidden activation), {@code hidden} between layers and an identity output layer.
     */
    public static Emulator mlp(String name, Activation hidden, int... widths) {
        SplittableRandom r = new SplittableRandom(0x5eedL);
        Emulator.Builder b = Emulator.builder().name(name);
        for (int i = 0; i < widths[0]; i++) {
            b.input(Variable.of("x" + i, "1"));
        }
        for (int j = 0; j < widths[widths.length - 1]; j++) {
            b.output(Variable.of("y" + j, "1"));
        }
        for (int l = 0; l + 1 < widths.length; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            float[] w = new float[in * out];
            double s = Math.sqrt(3.0 / in);
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) ((2 * r.nextDouble() - 1) * s);
            }
            float[] bias = new float[out];
            for (int j = 0; j < out; j++) {
                bias[j] = (float) ((2 * r.nextDouble() - 1) * 0.1);
            }
            b.layer(new DenseLayer(in, out, w, bias, l + 2 == widths.length ? Activation.IDENTITY : hidden));
        }
        return b.build();
    }
}
