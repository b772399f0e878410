package org.emulens.benchmarks;

import java.util.Locale;
import java.util.SplittableRandom;
import org.emulens.engine.Activation;
import org.emulens.engine.BenchmarkShapes;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.cpu.CpuBackend;

/**
 * What the activation costs inside the CPU forward pass: the same layer widths and weights with fast tanh,
 * identity and ReLU hidden layers, timed in alternation on one thread, in nanoseconds per member. The
 * identity model is the dense layers, the input normalisation and the output scaling alone, so the
 * differences are the activations' cost. Not a timed test; run it with {@code java --add-modules
 * jdk.incubator.vector -cp benchmarks/target/benchmarks.jar org.emulens.benchmarks.ActivationCost SHAPE}
 * (A: 8-64-64-64-1, B: 6-32-32-1).
 */
public final class ActivationCost {
    private static final int MEMBERS = 1 << 16;
    private static final int LAUNCHES = 40;

    private ActivationCost() {
    }

    public static void main(String[] args) {
        int[] widths = args.length > 0 && args[0].equals("A") ? new int[] {8, 64, 64, 64, 1} : new int[] {6, 32, 32, 1};
        Activation[] hidden = {Activation.TANH, Activation.IDENTITY, Activation.RELU};
        String[] names = {"fast tanh", "identity", "ReLU"};
        float[] x = new float[MEMBERS * widths[0]];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (2 * r.nextDouble() - 1);
        }
        float[] y = new float[MEMBERS * widths[widths.length - 1]];
        try (CpuBackend b = new CpuBackend(1)) {
            CompiledEmulator[] models = new CompiledEmulator[hidden.length];
            for (int i = 0; i < hidden.length; i++) {
                models[i] = b.compile(BenchmarkShapes.mlp("activation-cost", hidden[i], widths), TanhMode.FAST);
            }
            for (int round = 0; round < 6; round++) {
                StringBuilder line = new StringBuilder(round < 2 ? "warm-up " : "round   ");
                for (int i = 0; i < models.length; i++) {
                    long t0 = System.nanoTime();
                    for (int k = 0; k < LAUNCHES; k++) {
                        models[i].evaluate(x, y, MEMBERS);
                    }
                    double ns = (System.nanoTime() - t0) / (double) LAUNCHES / MEMBERS;
                    line.append(String.format(Locale.ROOT, "  %s %.1f ns/member", names[i], ns));
                }
                System.out.println(line);
            }
        }
    }
}
