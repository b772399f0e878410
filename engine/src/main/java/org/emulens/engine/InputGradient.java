package org.emulens.engine;

import java.util.Objects;

/**
 * The analytic gradient of an emulator's output with respect to its inputs, in physical units
 * ({@code d output / d input}, e.g. g C m-2 d-1 per K), by reverse-mode differentiation through the
 * normalisation, the dense layers and their activations.
 *
 * <p>Computed in double from the float weights, so it is the derivative of the model the engine holds
 * rather than of its float rounding. At a kink of ReLU (pre-activation exactly 0) the derivative taken is
 * 0, as in PyTorch. Immutable and thread-safe.
 */
public final class InputGradient {
    private final Emulator emulator;

    private InputGradient(Emulator emulator) {
        this.emulator = emulator;
    }

    /** @throws IllegalArgumentException for a tree ensemble or Gaussian process, which have no layers to differentiate */
    public static InputGradient of(Emulator emulator) {
        Objects.requireNonNull(emulator, "emulator");
        if (emulator.family() != ModelFamily.MLP) {
            throw new IllegalArgumentException("model '" + emulator.name() + "' is a " + emulator.family().description()
                    + "; analytic input gradients are computed for multilayer perceptrons only");
        }
        return new InputGradient(emulator);
    }

    public Emulator emulator() {
        return emulator;
    }

    /**
     * {@code d y[output] / d x[k]} for every input {@code k}, at the point {@code x} (one member,
     * {@code inputCount} values in physical units).
     */
    public double[] at(float[] x, int output) {
        if (x.length != emulator.inputCount()) {
            throw new IllegalArgumentException("gradient of '" + emulator.name() + "': expected "
                    + emulator.inputCount() + " input values, found " + x.length);
        }
        Objects.checkIndex(output, emulator.outputCount());
        FeatureAffine in = emulator.inputNormalisation();
        var layers = emulator.layers();
        // forward pass, keeping each layer's activation derivative
        double[][] slopes = new double[layers.size()][];
        double[] v = new double[x.length];
        for (int k = 0; k < v.length; k++) {
            v[k] = (x[k] - (double) in.offset(k)) / in.scale(k);
        }
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            double[] next = new double[layer.outputs()];
            double[] slope = new double[layer.outputs()];
            for (int j = 0; j < next.length; j++) {
                double s = layer.bias(j);
                for (int k = 0; k < layer.inputs(); k++) {
                    s += (double) layer.weight(j, k) * v[k];
                }
                next[j] = value(layer.activation(), s);
                slope[j] = derivative(layer.activation(), s, next[j]);
            }
            slopes[l] = slope;
            v = next;
        }
        // backward pass: seed with the de-normalisation scale of the chosen output
        double[] g = new double[v.length];
        g[output] = emulator.outputDenormalisation().scale(output);
        for (int l = layers.size() - 1; l >= 0; l--) {
            DenseLayer layer = layers.get(l);
            double[] back = new double[layer.inputs()];
            for (int j = 0; j < layer.outputs(); j++) {
                double ga = g[j] * slopes[l][j];
                if (ga != 0) {
                    for (int k = 0; k < layer.inputs(); k++) {
                        back[k] += ga * layer.weight(j, k);
                    }
                }
            }
            g = back;
        }
        for (int k = 0; k < g.length; k++) {
            g[k] /= in.scale(k);
        }
        return g;
    }

    private static double value(Activation a, double s) {
        switch (a.kind()) {
            case IDENTITY:
                return s;
            case TANH:
                return Math.tanh(s);
            case RELU:
                return Math.max(s, 0);
            case SIGMOID:
                return 1 / (1 + Math.exp(-s));
            case SOFTPLUS:
                return Math.max(s, 0) + Math.log1p(Math.exp(-Math.abs(s)));
            case ELU:
                return s > 0 ? s : a.alpha() * Math.expm1(s);
            default:
                throw new AssertionError(a);
        }
    }

    /** The activation's derivative at pre-activation {@code s}, given its value {@code y} there. */
    private static double derivative(Activation a, double s, double y) {
        switch (a.kind()) {
            case IDENTITY:
                return 1;
            case TANH:
                return 1 - y * y;
            case RELU:
                return s > 0 ? 1 : 0;
            case SIGMOID:
                return y * (1 - y);
            case SOFTPLUS:
                return 1 / (1 + Math.exp(-s));
            case ELU:
                return s > 0 ? 1 : a.alpha() * Math.exp(s);
            default:
                throw new AssertionError(a);
        }
    }
}
