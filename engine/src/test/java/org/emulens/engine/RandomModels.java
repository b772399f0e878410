package org.emulens.engine;

import java.util.Random;

/** Random emulators of given shapes for tests; weights scaled so activations stay in their interesting range. */
public final class RandomModels {
    private RandomModels() {
    }

    public static Emulator mlp(long seed, Activation hidden, int... widths) {
        Random r = new Random(seed);
        Emulator.Builder b = Emulator.builder().name("random-" + seed);
        for (int i = 0; i < widths[0]; i++) {
            b.input(Variable.of("x" + i, "1"));
        }
        for (int j = 0; j < widths[widths.length - 1]; j++) {
            b.output(Variable.of("y" + j, "1"));
        }
        float[] off = new float[widths[0]];
        float[] sc = new float[widths[0]];
        for (int i = 0; i < off.length; i++) {
            off[i] = (float) r.nextGaussian();
            sc[i] = 0.5f + r.nextFloat() * 2f;
        }
        b.inputNormalisation(FeatureAffine.of(off, sc, "test"));
        for (int l = 0; l + 1 < widths.length; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            float[] w = new float[in * out];
            float[] bias = new float[out];
            double s = 1.5 / Math.sqrt(in);
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (r.nextGaussian() * s);
            }
            for (int j = 0; j < out; j++) {
                bias[j] = (float) (r.nextGaussian() * 0.3);
            }
            boolean last = l + 2 == widths.length;
            b.layer(new DenseLayer(in, out, w, bias, last ? Activation.IDENTITY : hidden));
        }
        float[] oo = new float[widths[widths.length - 1]];
        float[] os = new float[oo.length];
        for (int j = 0; j < oo.length; j++) {
            oo[j] = (float) (r.nextGaussian() * 3);
            os[j] = 0.1f + r.nextFloat() * 5f;
        }
        b.outputDenormalisation(FeatureAffine.of(oo, os, "test"));
        return b.build();
    }

    public static float[] inputs(long seed, int members, int inputs) {
        Random r = new Random(seed);
        float[] x = new float[members * inputs];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * 2);
        }
        return x;
    }

    /**
     * A plain double-precision forward pass written from the definition in {@link Emulator}'s javadoc,
     * sharing no code with the backends, as the independent reference for them.
     */
    public static double[] naiveForward(Emulator e, float[] x, int members) {
        double[] y = new double[members * e.outputCount()];
        for (int m = 0; m < members; m++) {
            double[] v = new double[e.inputCount()];
            for (int k = 0; k < v.length; k++) {
                v[k] = (x[m * v.length + k] - (double) e.inputNormalisation().offset(k))
                        / e.inputNormalisation().scale(k);
            }
            for (DenseLayer l : e.layers()) {
                double[] next = new double[l.outputs()];
                for (int j = 0; j < next.length; j++) {
                    double s = l.bias(j);
                    for (int k = 0; k < l.inputs(); k++) {
                        s += (double) l.weight(j, k) * v[k];
                    }
                    next[j] = activate(l.activation(), s);
                }
                v = next;
            }
            for (int j = 0; j < v.length; j++) {
                y[m * v.length + j] = v[j] * e.outputDenormalisation().scale(j) + e.outputDenormalisation().offset(j);
            }
        }
        return y;
    }

    /** {@link #naiveForward} for one member given in double, so that tests can step an input by less than a float ulp. */
    public static double[] naiveForward(Emulator e, double[] x) {
        double[] v = new double[e.inputCount()];
        for (int k = 0; k < v.length; k++) {
            v[k] = (x[k] - (double) e.inputNormalisation().offset(k)) / e.inputNormalisation().scale(k);
        }
        for (DenseLayer l : e.layers()) {
            double[] next = new double[l.outputs()];
            for (int j = 0; j < next.length; j++) {
                double s = l.bias(j);
                for (int k = 0; k < l.inputs(); k++) {
                    s += (double) l.weight(j, k) * v[k];
                }
                next[j] = activate(l.activation(), s);
            }
            v = next;
        }
        for (int j = 0; j < v.length; j++) {
            v[j] = v[j] * e.outputDenormalisation().scale(j) + e.outputDenormalisation().offset(j);
        }
        return v;
    }

    /**
     * A bound on the magnitudes summed on the way to each output (|b| + sum |w| |v|, layer by layer,
     * +1 after each activation to cover sigmoid's and softplus's offsets). Float rounding error of a
     * correct forward pass is a small multiple of float epsilon times this.
     */
    public static double[] naiveMagnitude(Emulator e, float[] x, int members) {
        double[] out = new double[members * e.outputCount()];
        for (int m = 0; m < members; m++) {
            double[] v = new double[e.inputCount()];
            for (int k = 0; k < v.length; k++) {
                v[k] = Math.abs((x[m * v.length + k] - (double) e.inputNormalisation().offset(k))
                        / e.inputNormalisation().scale(k));
            }
            for (DenseLayer l : e.layers()) {
                double[] next = new double[l.outputs()];
                for (int j = 0; j < next.length; j++) {
                    double s = Math.abs(l.bias(j));
                    for (int k = 0; k < l.inputs(); k++) {
                        s += Math.abs(l.weight(j, k)) * v[k];
                    }
                    next[j] = s + 1;
                }
                v = next;
            }
            for (int j = 0; j < v.length; j++) {
                out[m * v.length + j] = v[j] * Math.abs(e.outputDenormalisation().scale(j))
                        + Math.abs(e.outputDenormalisation().offset(j));
            }
        }
        return out;
    }

    private static double activate(Activation a, double s) {
        switch (a.kind()) {
            case IDENTITY:
                return s;
            case TANH:
                return Math.tanh(s);
            case RELU:
                return Math.max(0, s);
            case SIGMOID:
                return 1 / (1 + Math.exp(-s));
            case SOFTPLUS:
                return Math.log(1 + Math.exp(s));
            case ELU:
                return s > 0 ? s : a.alpha() * (Math.exp(s) - 1);
            default:
                throw new AssertionError(a);
        }
    }
}
