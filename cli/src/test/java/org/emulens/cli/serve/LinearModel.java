package org.emulens.cli.serve;

import org.emulens.engine.Activation;
import org.emulens.engine.DenseLayer;
import org.emulens.engine.Emulator;
import org.emulens.engine.Variable;

/**
 * y = 2a − 3b + 1: one linear layer, so the ensemble's moments and Sobol' indices are known in closed form.
 * a in [0, 10] m, b in [−5, 5] K.
 */
final class LinearModel {
    static final double WA = 2;
    static final double WB = -3;
    static final double BIAS = 1;

    private LinearModel() {
    }

    static Emulator emulator() {
        return Emulator.builder().name("linear")
                .input(new Variable("a", "m", 0, 10, "first input"))
                .input(new Variable("b", "K", -5, 5, "second input"))
                .output(Variable.of("y", "1"))
                .layer(new DenseLayer(2, 1, new float[] {(float) WA, (float) WB}, new float[] {(float) BIAS},
                        Activation.IDENTITY))
                .build();
    }

    static String request(double a, double sdA, double b, double sdB, String extra) {
        return "{\"inputs\":{\"a\":{\"value\":" + a + ",\"sd\":" + sdA + "},\"b\":{\"value\":" + b + ",\"sd\":" + sdB
                + "}}" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }
}
