package org.emulens.benchmarks.bench;

import java.util.List;
import org.emulens.engine.Activation;
import org.emulens.engine.DenseLayer;
import org.emulens.engine.Emulator;
import org.emulens.engine.FeatureAffine;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.cpu.FastTanh;
import org.emulens.engine.cpu.FloatFma;

/**
 * The forward pass as one would first write it: member by member, layer by layer, a loop over outputs and
 * an inner loop over inputs, no blocking and no SIMD beyond what the JIT finds by itself. It is the baseline
 * that says what the CPU backend's layout and kernels are worth.
 */
public final class PlainLoopForwardPass {
    private final Emulator e;
    private final float[][] weights;
    private final float[][] biases;
    private final int[] widthIn;
    private final int[] widthOut;
    private final Activation[] activations;
    private final TanhMode tanh;
    private final float[] inOffset;
    private final float[] inScale;
    private final float[] outOffset;
    private final float[] outScale;

    public PlainLoopForwardPass(Emulator e, TanhMode tanh) {
        this.e = e;
        List<DenseLayer> layers = e.layers();
        int n = layers.size();
        weights = new float[n][];
        biases = new float[n][];
        widthIn = new int[n];
        widthOut = new int[n];
        activations = new Activation[n];
        for (int l = 0; l < n; l++) {
            DenseLayer d = layers.get(l);
            weights[l] = d.weights();
            biases[l] = d.biases();
            widthIn[l] = d.inputs();
            widthOut[l] = d.outputs();
            activations[l] = d.activation();
        }
        this.tanh = tanh;
        FeatureAffine in = e.inputNormalisation();
        FeatureAffine out = e.outputDenormalisation();
        this.inOffset = in.offsets();
        this.inScale = in.scales();
        this.outOffset = out.offsets();
        this.outScale = out.scales();
    }

    /** Evaluates rows {@code [0, members)} of {@code x} into {@code y}, both row-major. */
    public void evaluate(float[] x, float[] y, int members) {
        int d = e.inputCount();
        int k = e.outputCount();
        float[] a = new float[e.maxWidth()];
        float[] b = new float[e.maxWidth()];
        for (int m = 0; m < members; m++) {
            for (int i = 0; i < d; i++) {
                a[i] = (x[m * d + i] - inOffset[i]) / inScale[i];
            }
            float[] cur = a;
            float[] next = b;
            for (int l = 0; l < weights.length; l++) {
                float[] w = weights[l];
                float[] bias = biases[l];
                int in = widthIn[l];
                Activation act = activations[l];
                for (int j = 0; j < widthOut[l]; j++) {
                    float acc = bias[j];
                    for (int i = 0; i < in; i++) {
                        acc = FloatFma.fma(w[j * in + i], cur[i], acc);
                    }
                    next[j] = activate(act, acc);
                }
                float[] t = cur;
                cur = next;
                next = t;
            }
            for (int j = 0; j < k; j++) {
                y[m * k + j] = cur[j] * outScale[j] + outOffset[j];
            }
        }
    }

    private float activate(Activation a, float v) {
        if (a.kind() == Activation.Kind.TANH && tanh == TanhMode.FAST) {
            return FastTanh.tanh(v);
        }
        return a.apply(v);
    }
}
