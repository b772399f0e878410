package org.emulens.engine;

import java.util.Arrays;
import java.util.Locale;

/**
 * An element-wise activation function. ELU carries its {@code alpha}; the others ignore it.
 *
 * <p>{@link #apply(float)} is the exact definition that every backend is checked against.
 */
public record Activation(Kind kind, float alpha) {

    /** The supported functions, named as in ONNX and PyTorch. */
    public enum Kind { IDENTITY, TANH, RELU, SIGMOID, SOFTPLUS, ELU }

    public static final Activation IDENTITY = new Activation(Kind.IDENTITY, 0f);
    public static final Activation TANH = new Activation(Kind.TANH, 0f);
    public static final Activation RELU = new Activation(Kind.RELU, 0f);
    public static final Activation SIGMOID = new Activation(Kind.SIGMOID, 0f);
    public static final Activation SOFTPLUS = new Activation(Kind.SOFTPLUS, 0f);

    public Activation {
        if (kind == null) {
            throw new InvalidModelException("activation kind must not be null");
        }
        if (kind != Kind.ELU) {
            alpha = 0f;
        } else if (!Float.isFinite(alpha)) {
            throw new InvalidModelException("ELU alpha must be finite, found " + alpha);
        }
    }

    public static Activation elu(float alpha) {
        return new Activation(Kind.ELU, alpha);
    }

    /** Parses a name such as {@code tanh} or {@code elu}; ELU gets alpha 1, PyTorch's and ONNX's default. */
    public static Activation parse(String name) {
        String key = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        for (Kind k : Kind.values()) {
            if (k.name().equals(key)) {
                return k == Kind.ELU ? elu(1f) : new Activation(k, 0f);
            }
        }
        throw new InvalidModelException("unknown activation '" + name + "': expected one of "
                + Arrays.toString(Kind.values()).toLowerCase(Locale.ROOT));
    }

    /** The exact value, computed in double and rounded once to float. */
    public float apply(float x) {
        switch (kind) {
            case IDENTITY:
                return x;
            case TANH:
                return (float) Math.tanh(x);
            case RELU:
                return Math.max(x, 0f); // NaN stays NaN, as in every backend
            case SIGMOID:
                return (float) (1.0 / (1.0 + Math.exp(-(double) x)));
            case SOFTPLUS:
                // log(1 + e^x) without overflow for large x or loss of digits for very negative x
                return (float) (Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs((double) x))));
            case ELU:
                return x > 0f ? x : (float) (alpha * Math.expm1(x));
            default:
                throw new AssertionError(kind);
        }
    }

    /** Name as written in model files and shown to users. */
    public String label() {
        String n = kind.name().toLowerCase(Locale.ROOT);
        return kind == Kind.ELU ? n + "(alpha=" + alpha + ")" : n;
    }

    @Override
    public String toString() {
        return label();
    }
}
