package org.emulens.engine.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD versions of the two hot loops of {@link CpuForwardPass}, with the JDK's Vector API. They give
 * bit-identical results to the scalar loops: each lane does the same float multiply, then add, in the
 * same order (bias, then inputs in ascending order), never a fused multiply-add. Only loaded when the
 * {@code jdk.incubator.vector} module is present; see {@link SimdSupport}.
 */
final class VectorKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorKernels() {
    }

    static int lanes() {
        return L;
    }

    /**
     * {@code dst[j][m] = b[j] + sum_k w[j][k] * src[k][m]} for members {@code [0, count)}. Four outputs and
     * two vectors of members at a time keep eight accumulators in registers across the whole input loop.
     */
    static void dense(float[] w, float[] b, int in, int out, float[] src, float[] dst, int count, int block) {
        int vecEnd = count - count % (2 * L);
        int j = 0;
        for (; j + 3 < out; j += 4) {
            for (int m = 0; m < vecEnd; m += 2 * L) {
                denseFour(w, b, in, j, src, dst, m, block);
            }
            for (int r = j; r < j + 4; r++) {
                scalarTail(w, b, in, r, src, dst, vecEnd, count, block);
            }
        }
        for (; j < out; j++) {
            for (int m = 0; m < vecEnd; m += 2 * L) {
                denseOne(w, b, in, j, src, dst, m, block);
            }
            scalarTail(w, b, in, j, src, dst, vecEnd, count, block);
        }
    }

    private static void denseFour(float[] w, float[] b, int in, int j, float[] src, float[] dst, int m, int block) {
        FloatVector a0 = FloatVector.broadcast(S, b[j]);
        FloatVector a1 = FloatVector.broadcast(S, b[j + 1]);
        FloatVector a2 = FloatVector.broadcast(S, b[j + 2]);
        FloatVector a3 = FloatVector.broadcast(S, b[j + 3]);
        FloatVector c0 = a0;
        FloatVector c1 = a1;
        FloatVector c2 = a2;
        FloatVector c3 = a3;
        int w0 = j * in;
        int w1 = w0 + in;
        int w2 = w1 + in;
        int w3 = w2 + in;
        for (int k = 0; k < in; k++) {
            FloatVector x = FloatVector.fromArray(S, src, k * block + m);
            FloatVector y = FloatVector.fromArray(S, src, k * block + m + L);
            float v0 = w[w0 + k];
            float v1 = w[w1 + k];
            float v2 = w[w2 + k];
            float v3 = w[w3 + k];
            a0 = a0.add(x.mul(v0));
            a1 = a1.add(x.mul(v1));
            a2 = a2.add(x.mul(v2));
            a3 = a3.add(x.mul(v3));
            c0 = c0.add(y.mul(v0));
            c1 = c1.add(y.mul(v1));
            c2 = c2.add(y.mul(v2));
            c3 = c3.add(y.mul(v3));
        }
        int o = j * block + m;
        a0.intoArray(dst, o);
        c0.intoArray(dst, o + L);
        a1.intoArray(dst, o + block);
        c1.intoArray(dst, o + block + L);
        a2.intoArray(dst, o + 2 * block);
        c2.intoArray(dst, o + 2 * block + L);
        a3.intoArray(dst, o + 3 * block);
        c3.intoArray(dst, o + 3 * block + L);
    }

    private static void denseOne(float[] w, float[] b, int in, int j, float[] src, float[] dst, int m, int block) {
        FloatVector a = FloatVector.broadcast(S, b[j]);
        FloatVector c = a;
        int row = j * in;
        for (int k = 0; k < in; k++) {
            float v = w[row + k];
            a = a.add(FloatVector.fromArray(S, src, k * block + m).mul(v));
            c = c.add(FloatVector.fromArray(S, src, k * block + m + L).mul(v));
        }
        a.intoArray(dst, j * block + m);
        c.intoArray(dst, j * block + m + L);
    }

    /** The members past the last full pair of vectors, in the scalar order. */
    private static void scalarTail(float[] w, float[] b, int in, int j, float[] src, float[] dst, int from, int to,
            int block) {
        int row = j * in;
        for (int m = from; m < to; m++) {
            float acc = b[j];
            for (int k = 0; k < in; k++) {
                acc += w[row + k] * src[k * block + m];
            }
            dst[j * block + m] = acc;
        }
    }

    /** {@link FastTanh#tanh} lane by lane, same operations in the same order, over {@code v[from, to)}. */
    static void fastTanh(float[] v, int from, int to) {
        int end = from + (to - from) / L * L;
        for (int i = from; i < end; i += L) {
            FloatVector x = FloatVector.fromArray(S, v, i);
            FloatVector c = x.min(FastTanh.CLAMP).max(-FastTanh.CLAMP);
            FloatVector s = c.mul(c);
            FloatVector p = s.mul(FastTanh.P4).add(FastTanh.P3).mul(s).add(FastTanh.P2).mul(s).add(FastTanh.P1)
                    .mul(s).add(FastTanh.P0);
            FloatVector q = s.mul(FastTanh.Q4).add(FastTanh.Q3).mul(s).add(FastTanh.Q2).mul(s).add(FastTanh.Q1)
                    .mul(s).add(1f);
            c.mul(p).div(q).min(1f).max(-1f).intoArray(v, i);
        }
        FastTanh.apply(v, end, to);
    }

    /** {@code max(v, 0)} lane by lane. */
    static void relu(float[] v, int from, int to) {
        int end = from + (to - from) / L * L;
        for (int i = from; i < end; i += L) {
            FloatVector.fromArray(S, v, i).lanewise(VectorOperators.MAX, 0f).intoArray(v, i);
        }
        for (int i = end; i < to; i++) {
            v[i] = Math.max(v[i], 0f);
        }
    }
}
