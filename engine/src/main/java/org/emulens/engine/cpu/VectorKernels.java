package org.emulens.engine.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD versions of the two hot loops of {@link CpuForwardPass}, with the JDK's Vector API. They give
 * bit-identical results to the scalar loops: each lane does the same operations in the same order (bias,
 * then one fused multiply-add per input in ascending order, as {@link Math#fma}). Only loaded when the
 * {@code jdk.incubator.vector} module is present; see {@link SimdSupport}.
 */
final class VectorKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int SQUARE_CLAMP_BITS = Float.floatToRawIntBits(FastTanh.SQUARE_CLAMP);
    private static final int ONE_BITS = Float.floatToRawIntBits(1f);
    private static final int SIGN = 0x8000_0000;
    private static final int MAGNITUDE = 0x7FFF_FFFF;
    /** Moves NaN magnitudes (above {@code 0x7F80_0000}) past {@code Integer.MAX_VALUE}, and nothing else. */
    private static final int NAN_SHIFT = 0x007F_FFFF;

    private VectorKernels() {
    }

    static int lanes() {
        return L;
    }

    /**
     * {@code dst[k][m] = (x[(first + m)·inputs + k] − offset[k]) / scale[k]} for members {@code [0, n)},
     * {@code n} the largest multiple of the lanes not above {@code count}, which it returns (the caller does
     * the rest in the same arithmetic): the row-major inputs are gathered a feature at a time, so that the
     * subtraction and the division run on whole vectors instead of one value at a time.
     */
    static int normaliseInputs(float[] x, int first, int count, int inputs, int[] rows, float[] offset,
            float[] scale, float[] dst, int block) {
        int n = count - count % L;
        for (int k = 0; k < inputs; k++) {
            FloatVector o = FloatVector.broadcast(S, offset[k]);
            FloatVector c = FloatVector.broadcast(S, scale[k]);
            for (int m = 0; m < n; m += L) {
                FloatVector.fromArray(S, x, (first + m) * inputs + k, rows, 0).sub(o).div(c)
                        .intoArray(dst, k * block + m);
            }
        }
        return n;
    }

    /** {@code 0, stride, 2·stride, …}: one lane per member of a row-major block. */
    static int[] gatherIndex(int stride) {
        int[] rows = new int[L];
        for (int i = 0; i < L; i++) {
            rows[i] = i * stride;
        }
        return rows;
    }

    /**
     * {@code dst[j][m] = b[j] + sum_k w[j][k] * src[k][m]} for members {@code [0, count)}. Tiles of four
     * outputs by four vectors of members keep sixteen accumulators in registers across the whole input
     * loop: per input, four loads and four broadcasts feed sixteen fused multiply-adds, so the loop is
     * bound by the FMA units rather than by loads, and sixteen independent chains hide the FMA latency.
     */
    static void dense(float[] w, float[] b, int in, int out, float[] src, float[] dst, int count, int block) {
        int wide = count - count % (4 * L);
        int narrow = count - count % L;
        int j = 0;
        for (; j + 3 < out; j += 4) {
            for (int m = 0; m < wide; m += 4 * L) {
                fourOutputsFourVectors(w, b, in, j, src, dst, m, block);
            }
            for (int m = wide; m < narrow; m += L) {
                fourOutputsOneVector(w, b, in, j, src, dst, m, block);
            }
            for (int r = j; r < j + 4; r++) {
                scalarTail(w, b, in, r, src, dst, narrow, count, block);
            }
        }
        for (; j < out; j++) {
            for (int m = 0; m < wide; m += 4 * L) {
                oneOutputFourVectors(w, b, in, j, src, dst, m, block);
            }
            for (int m = wide; m < narrow; m += L) {
                oneOutputOneVector(w, b, in, j, src, dst, m, block);
            }
            scalarTail(w, b, in, j, src, dst, narrow, count, block);
        }
    }

    private static void fourOutputsFourVectors(float[] w, float[] b, int in, int j, float[] src, float[] dst, int m,
            int block) {
        FloatVector a0 = FloatVector.broadcast(S, b[j]);
        FloatVector a1 = FloatVector.broadcast(S, b[j + 1]);
        FloatVector a2 = FloatVector.broadcast(S, b[j + 2]);
        FloatVector a3 = FloatVector.broadcast(S, b[j + 3]);
        FloatVector c0 = a0;
        FloatVector c1 = a1;
        FloatVector c2 = a2;
        FloatVector c3 = a3;
        FloatVector d0 = a0;
        FloatVector d1 = a1;
        FloatVector d2 = a2;
        FloatVector d3 = a3;
        FloatVector e0 = a0;
        FloatVector e1 = a1;
        FloatVector e2 = a2;
        FloatVector e3 = a3;
        int w0 = j * in;
        int w1 = w0 + in;
        int w2 = w1 + in;
        int w3 = w2 + in;
        for (int k = 0; k < in; k++) {
            int s = k * block + m;
            FloatVector x = FloatVector.fromArray(S, src, s);
            FloatVector y = FloatVector.fromArray(S, src, s + L);
            FloatVector z = FloatVector.fromArray(S, src, s + 2 * L);
            FloatVector u = FloatVector.fromArray(S, src, s + 3 * L);
            FloatVector v0 = FloatVector.broadcast(S, w[w0 + k]);
            FloatVector v1 = FloatVector.broadcast(S, w[w1 + k]);
            FloatVector v2 = FloatVector.broadcast(S, w[w2 + k]);
            FloatVector v3 = FloatVector.broadcast(S, w[w3 + k]);
            a0 = x.fma(v0, a0);
            a1 = x.fma(v1, a1);
            a2 = x.fma(v2, a2);
            a3 = x.fma(v3, a3);
            c0 = y.fma(v0, c0);
            c1 = y.fma(v1, c1);
            c2 = y.fma(v2, c2);
            c3 = y.fma(v3, c3);
            d0 = z.fma(v0, d0);
            d1 = z.fma(v1, d1);
            d2 = z.fma(v2, d2);
            d3 = z.fma(v3, d3);
            e0 = u.fma(v0, e0);
            e1 = u.fma(v1, e1);
            e2 = u.fma(v2, e2);
            e3 = u.fma(v3, e3);
        }
        int o = j * block + m;
        a0.intoArray(dst, o);
        c0.intoArray(dst, o + L);
        d0.intoArray(dst, o + 2 * L);
        e0.intoArray(dst, o + 3 * L);
        o += block;
        a1.intoArray(dst, o);
        c1.intoArray(dst, o + L);
        d1.intoArray(dst, o + 2 * L);
        e1.intoArray(dst, o + 3 * L);
        o += block;
        a2.intoArray(dst, o);
        c2.intoArray(dst, o + L);
        d2.intoArray(dst, o + 2 * L);
        e2.intoArray(dst, o + 3 * L);
        o += block;
        a3.intoArray(dst, o);
        c3.intoArray(dst, o + L);
        d3.intoArray(dst, o + 2 * L);
        e3.intoArray(dst, o + 3 * L);
    }

    private static void fourOutputsOneVector(float[] w, float[] b, int in, int j, float[] src, float[] dst, int m,
            int block) {
        FloatVector a0 = FloatVector.broadcast(S, b[j]);
        FloatVector a1 = FloatVector.broadcast(S, b[j + 1]);
        FloatVector a2 = FloatVector.broadcast(S, b[j + 2]);
        FloatVector a3 = FloatVector.broadcast(S, b[j + 3]);
        int w0 = j * in;
        for (int k = 0; k < in; k++) {
            FloatVector x = FloatVector.fromArray(S, src, k * block + m);
            a0 = x.fma(FloatVector.broadcast(S, w[w0 + k]), a0);
            a1 = x.fma(FloatVector.broadcast(S, w[w0 + in + k]), a1);
            a2 = x.fma(FloatVector.broadcast(S, w[w0 + 2 * in + k]), a2);
            a3 = x.fma(FloatVector.broadcast(S, w[w0 + 3 * in + k]), a3);
        }
        int o = j * block + m;
        a0.intoArray(dst, o);
        a1.intoArray(dst, o + block);
        a2.intoArray(dst, o + 2 * block);
        a3.intoArray(dst, o + 3 * block);
    }

    /** One output (a model's last layer, usually): four vectors of members give four independent chains. */
    private static void oneOutputFourVectors(float[] w, float[] b, int in, int j, float[] src, float[] dst, int m,
            int block) {
        FloatVector a = FloatVector.broadcast(S, b[j]);
        FloatVector c = a;
        FloatVector d = a;
        FloatVector e = a;
        int row = j * in;
        for (int k = 0; k < in; k++) {
            FloatVector v = FloatVector.broadcast(S, w[row + k]);
            int s = k * block + m;
            a = FloatVector.fromArray(S, src, s).fma(v, a);
            c = FloatVector.fromArray(S, src, s + L).fma(v, c);
            d = FloatVector.fromArray(S, src, s + 2 * L).fma(v, d);
            e = FloatVector.fromArray(S, src, s + 3 * L).fma(v, e);
        }
        int o = j * block + m;
        a.intoArray(dst, o);
        c.intoArray(dst, o + L);
        d.intoArray(dst, o + 2 * L);
        e.intoArray(dst, o + 3 * L);
    }

    private static void oneOutputOneVector(float[] w, float[] b, int in, int j, float[] src, float[] dst, int m,
            int block) {
        FloatVector a = FloatVector.broadcast(S, b[j]);
        int row = j * in;
        for (int k = 0; k < in; k++) {
            a = FloatVector.fromArray(S, src, k * block + m).fma(FloatVector.broadcast(S, w[row + k]), a);
        }
        a.intoArray(dst, j * block + m);
    }

    /** The members past the last full vector, in the scalar order. */
    private static void scalarTail(float[] w, float[] b, int in, int j, float[] src, float[] dst, int from, int to,
            int block) {
        int row = j * in;
        for (int m = from; m < to; m++) {
            float acc = b[j];
            for (int k = 0; k < in; k++) {
                acc = FloatFma.fma(w[row + k], src[k * block + m], acc);
            }
            dst[j * block + m] = acc;
        }
    }

    /**
     * {@link FastTanh#tanh} lane by lane, same operations in the same order, over {@code v[from, to)}, with
     * both clamps done on the bits, without masks (which Java 17's Vector API turns into several
     * instructions per lane):
     * <ul>
     *   <li>{@code min(x², 81)}: for non-negative floats and NaN the int order of the bits is the float
     *       order, so one int minimum clamps x² (a NaN becomes 81 there, and still makes the result NaN
     *       through the factor x, as in the scalar code);</li>
     *   <li>{@code max(-1, min(1, r))} on the magnitude bits, with the sign put back: adding
     *       {@code 2^23 − 1} to the magnitude keeps +∞ the largest positive int and pushes every NaN past
     *       {@code Integer.MAX_VALUE} to a negative int, which an int minimum then leaves alone.</li>
     * </ul>
     * Checked against {@link FastTanh#tanh} on all 2^32 floats, bit for bit.
     */
    static void fastTanh(float[] v, int from, int to) {
        int end = from + (to - from) / L * L;
        for (int i = from; i < end; i += L) {
            FloatVector x = FloatVector.fromArray(S, v, i);
            FloatVector s = x.mul(x).reinterpretAsInts().min(SQUARE_CLAMP_BITS).reinterpretAsFloats();
            FloatVector p = s.fma(FastTanh.P4, FastTanh.P3).fma(s, FloatVector.broadcast(S, FastTanh.P2))
                    .fma(s, FloatVector.broadcast(S, FastTanh.P1)).fma(s, FloatVector.broadcast(S, FastTanh.P0));
            FloatVector q = s.fma(FastTanh.Q4, FastTanh.Q3).fma(s, FloatVector.broadcast(S, FastTanh.Q2))
                    .fma(s, FloatVector.broadcast(S, FastTanh.Q1)).fma(s, FloatVector.broadcast(S, 1f));
            IntVector r = x.mul(p).div(q).reinterpretAsInts();
            IntVector magnitude = r.and(MAGNITUDE).add(NAN_SHIFT).min(ONE_BITS + NAN_SHIFT).sub(NAN_SHIFT);
            magnitude.or(r.and(SIGN)).reinterpretAsFloats().intoArray(v, i);
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
