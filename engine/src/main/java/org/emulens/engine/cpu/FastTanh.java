package org.emulens.engine.cpu;

import org.emulens.engine.backend.TanhMode;

/**
 * tanh(x) ≈ x·P(x²)/Q(x²) with degree-4 P and Q, fitted by iteratively reweighted least squares on
 * [0, 9] and rounded to float; |x| is clamped to 9 and the result to [-1, 1] (the rational reaches
 * 1.0000002 just below 9). P and Q are evaluated by Horner's rule with fused multiply-adds
 * ({@link Math#fma}), which halves their instructions in the SIMD loop. Maximum absolute error over all
 * floats: below {@link TanhMode#FAST_MAX_ABS_ERROR} (3.4e-7 measured; {@code FastTanhTest} checks the
 * bound against {@link Math#tanh}). Branch-free, so the JIT vectorises the block loop. The GPU kernels
 * use the same coefficients and operations in the same order.
 */
public final class FastTanh {
    static final float CLAMP = 9f;
    static final float P0 = 0.9999999403953552f;
    static final float P1 = 0.1340661495923996f;
    static final float P2 = 0.003526103449985385f;
    static final float P3 = 2.111489993694704e-05f;
    static final float P4 = 1.4060858255504627e-08f;
    static final float Q1 = 0.4673992395401001f;
    static final float Q2 = 0.025992777198553085f;
    static final float Q3 = 0.0003335710207466036f;
    static final float Q4 = 8.064539542829152e-07f;

    private FastTanh() {
    }

    public static float tanh(float x) {
        float c = Math.max(-CLAMP, Math.min(CLAMP, x));
        float s = c * c;
        float r = c * numerator(s) / denominator(s);
        return Math.max(-1f, Math.min(1f, r));
    }

    /** Applies {@link #tanh} to {@code v[from, to)} in place. */
    static void apply(float[] v, int from, int to) {
        for (int i = from; i < to; i++) {
            v[i] = tanh(v[i]);
        }
    }

    /** P(s) by Horner's rule, one fused multiply-add per coefficient. */
    private static float numerator(float s) {
        return Math.fma(Math.fma(Math.fma(Math.fma(P4, s, P3), s, P2), s, P1), s, P0);
    }

    /** Q(s), likewise. */
    private static float denominator(float s) {
        return Math.fma(Math.fma(Math.fma(Math.fma(Q4, s, Q3), s, Q2), s, Q1), s, 1f);
    }
}
