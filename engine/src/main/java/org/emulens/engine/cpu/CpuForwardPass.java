package org.emulens.engine.cpu;

import java.util.List;
import org.emulens.engine.Activation;
import org.emulens.engine.DenseLayer;
import org.emulens.engine.Emulator;
import org.emulens.engine.FeatureAffine;
import org.emulens.engine.backend.TanhMode;

/**
 * The reference forward pass, over a block of members at a time. Activations are held
 * feature-major ({@code [feature][member]}) so that the inner loop runs over members with unit stride
 * and the JIT turns it into SIMD; weights stay in cache while a whole block passes through a layer.
 *
 * <p>Per member the arithmetic is fixed: bias first, then one fused multiply-add ({@link FloatFma#fma}, a
 * single rounding) per input in ascending input order, in float. A member's result therefore does not
 * depend on the block it falls in, on the thread count or on SIMD, and the OpenCL and CUDA kernels,
 * which use the same {@code fma}, give the same bits.
 */
final class CpuForwardPass implements CpuBlockPass {
    /** Members per block: 256 × the widest layer × 4 bytes × 2 buffers stays within L2. */
    static final int BLOCK = 256;

    private final int inputs;
    private final int outputs;
    private final int maxWidth;
    private final float[] inOffset;
    private final float[] inScale;
    private final float[] outOffset;
    private final float[] outScale;
    private final float[][] weights;
    private final float[][] biases;
    private final int[] layerIn;
    private final int[] layerOut;
    private final Activation[] activations;
    private final TanhMode tanh;
    private final boolean simd;
    /** The SIMD input gather's lane offsets (one row apart), or null for the scalar loops. */
    private final int[] inputRows;

    CpuForwardPass(Emulator e, TanhMode tanh) {
        this(e, tanh, SimdSupport.available());
    }

    /** {@code simd} false forces the scalar loops, which tests use as the reference for the SIMD ones. */
    CpuForwardPass(Emulator e, TanhMode tanh, boolean simd) {
        this.simd = simd;
        this.inputRows = simd ? VectorKernels.gatherIndex(e.inputCount()) : null;
        this.inputs = e.inputCount();
        this.outputs = e.outputCount();
        this.maxWidth = e.maxWidth();
        FeatureAffine in = e.inputNormalisation();
        FeatureAffine out = e.outputDenormalisation();
        this.inOffset = in.offsets();
        this.inScale = in.scales();
        this.outOffset = out.offsets();
        this.outScale = out.scales();
        List<DenseLayer> layers = e.layers();
        int n = layers.size();
        this.weights = new float[n][];
        this.biases = new float[n][];
        this.layerIn = new int[n];
        this.layerOut = new int[n];
        this.activations = new Activation[n];
        for (int l = 0; l < n; l++) {
            DenseLayer d = layers.get(l);
            weights[l] = d.weights();
            biases[l] = d.biases();
            layerIn[l] = d.inputs();
            layerOut[l] = d.outputs();
            activations[l] = d.activation();
        }
        this.tanh = tanh;
    }

    /** Scratch for one thread: two activation buffers of {@code maxWidth × BLOCK}. */
    @Override
    public float[][] newScratch() {
        return new float[][] {new float[maxWidth * BLOCK], new float[maxWidth * BLOCK]};
    }

    /** Evaluates rows {@code [first, first + count)}, {@code count ≤ BLOCK}. */
    @Override
    public void evaluateBlock(float[] x, float[] y, int first, int count, float[][] scratch) {
        float[] cur = scratch[0];
        float[] next = scratch[1];
        int from = simd ? VectorKernels.normaliseInputs(x, first, count, inputs, inputRows, inOffset, inScale, cur,
                BLOCK) : 0;
        for (int m = from; m < count; m++) {
            int row = (first + m) * inputs;
            for (int k = 0; k < inputs; k++) {
                cur[k * BLOCK + m] = (x[row + k] - inOffset[k]) / inScale[k];
            }
        }
        for (int l = 0; l < weights.length; l++) {
            if (simd) {
                VectorKernels.dense(weights[l], biases[l], layerIn[l], layerOut[l], cur, next, count, BLOCK);
            } else {
                dense(weights[l], biases[l], layerIn[l], layerOut[l], cur, next, count);
            }
            activate(activations[l], next, layerOut[l], count);
            float[] t = cur;
            cur = next;
            next = t;
        }
        for (int m = 0; m < count; m++) {
            int row = (first + m) * outputs;
            for (int j = 0; j < outputs; j++) {
                y[row + j] = cur[j * BLOCK + m] * outScale[j] + outOffset[j];
            }
        }
    }

    private static void dense(float[] w, float[] b, int in, int out, float[] src, float[] dst, int count) {
        for (int j = 0; j < out; j++) {
            int o = j * BLOCK;
            float bj = b[j];
            for (int m = 0; m < count; m++) {
                dst[o + m] = bj;
            }
            int wRow = j * in;
            int k = 0;
            // Four inputs per sweep: a quarter of the loads and stores of dst. The multiply-adds stay in
            // ascending k order, so every member's result is bit-identical to one input at a time.
            for (; k + 3 < in; k += 4) {
                float w0 = w[wRow + k];
                float w1 = w[wRow + k + 1];
                float w2 = w[wRow + k + 2];
                float w3 = w[wRow + k + 3];
                int s0 = k * BLOCK;
                int s1 = s0 + BLOCK;
                int s2 = s1 + BLOCK;
                int s3 = s2 + BLOCK;
                for (int m = 0; m < count; m++) {
                    float acc = dst[o + m];
                    acc = FloatFma.fma(w0, src[s0 + m], acc);
                    acc = FloatFma.fma(w1, src[s1 + m], acc);
                    acc = FloatFma.fma(w2, src[s2 + m], acc);
                    acc = FloatFma.fma(w3, src[s3 + m], acc);
                    dst[o + m] = acc;
                }
            }
            for (; k < in; k++) {
                float wk = w[wRow + k];
                int s = k * BLOCK;
                for (int m = 0; m < count; m++) {
                    dst[o + m] = FloatFma.fma(wk, src[s + m], dst[o + m]);
                }
            }
        }
    }

    private void activate(Activation a, float[] v, int width, int count) {
        if (a.kind() == Activation.Kind.IDENTITY) {
            return;
        }
        for (int j = 0; j < width; j++) {
            int o = j * BLOCK;
            if (a.kind() == Activation.Kind.TANH && tanh == TanhMode.FAST) {
                if (simd) {
                    VectorKernels.fastTanh(v, o, o + count);
                } else {
                    FastTanh.apply(v, o, o + count);
                }
            } else if (a.kind() == Activation.Kind.RELU && simd) {
                VectorKernels.relu(v, o, o + count);
            } else if (a.kind() == Activation.Kind.RELU) {
                for (int m = o; m < o + count; m++) {
                    v[m] = Math.max(v[m], 0f);
                }
            } else {
                for (int m = o; m < o + count; m++) {
                    v[m] = a.apply(v[m]);
                }
            }
        }
    }
}
