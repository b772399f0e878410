package org.emulens.engine;

import java.util.Arrays;

/**
 * A fully connected layer {@code y = act(W x + b)} with float32 weights stored row-major as
 * {@code [outputs][inputs]}, so that output {@code j} reads {@code weights[j * inputs .. (j + 1) * inputs)}.
 */
public final class DenseLayer {
    private final int inputs;
    private final int outputs;
    private final float[] weights;
    private final float[] bias;
    private final Activation activation;

    public DenseLayer(int inputs, int outputs, float[] weights, float[] bias, Activation activation) {
        if (inputs <= 0 || outputs <= 0) {
            throw new InvalidModelException("layer must have positive sizes, found " + inputs + " -> " + outputs);
        }
        if (weights.length != (long) inputs * outputs) {
            throw new InvalidModelException("layer " + inputs + " -> " + outputs + " needs " + (long) inputs * outputs
                    + " weights, found " + weights.length);
        }
        if (bias.length != outputs) {
            throw new InvalidModelException("layer " + inputs + " -> " + outputs + " needs " + outputs
                    + " biases, found " + bias.length);
        }
        if (activation == null) {
            throw new InvalidModelException("layer " + inputs + " -> " + outputs + " has no activation");
        }
        this.inputs = inputs;
        this.outputs = outputs;
        this.weights = weights.clone();
        this.bias = bias.clone();
        this.activation = activation;
    }

    public int inputs() {
        return inputs;
    }

    public int outputs() {
        return outputs;
    }

    public Activation activation() {
        return activation;
    }

    public float weight(int out, int in) {
        return weights[out * inputs + in];
    }

    public float bias(int out) {
        return bias[out];
    }

    /** A copy of the row-major {@code [outputs][inputs]} weights. */
    public float[] weights() {
        return weights.clone();
    }

    public float[] biases() {
        return bias.clone();
    }

    /** Index of the first non-finite weight or bias as "weight[j][k]" / "bias[j]", or null when all are finite. */
    String firstNonFinite() {
        for (int i = 0; i < weights.length; i++) {
            if (!Float.isFinite(weights[i])) {
                return "weight[" + i / inputs + "][" + i % inputs + "] = " + weights[i];
            }
        }
        for (int j = 0; j < bias.length; j++) {
            if (!Float.isFinite(bias[j])) {
                return "bias[" + j + "] = " + bias[j];
            }
        }
        return null;
    }

    public DenseLayer withActivation(Activation a) {
        return new DenseLayer(inputs, outputs, weights, bias, a);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DenseLayer d && inputs == d.inputs && outputs == d.outputs
                && activation.equals(d.activation) && Arrays.equals(weights, d.weights) && Arrays.equals(bias, d.bias);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(weights) * 31 + Arrays.hashCode(bias);
    }

    @Override
    public String toString() {
        return "Dense(" + inputs + " -> " + outputs + ", " + activation + ")";
    }
}
