package org.emulens.engine.cpu;

import org.emulens.engine.backend.TanhMode;

/**
 * tanh(x) ≈ x·P(s)/Q(s), s = min(x², 81), with degree-4 P and Q fitted by iteratively reweighted least
 * squares on [0, 9] and rounded to float; the result is clamped to [-1, 1]. Beyond |x| = 9 the rational
 * grows like x/9 and the clamp gives ±1 (the rational also reaches 1.0000002 just below 9). P and Q are
 * evaluated by Horner's rule with fused multiply-adds ({@link FloatFma#fma}). Maximum absolute error over all
 * floats: 3.4e-7, below {@link TanhMode#FAST_MAX_ABS_ERROR} ({@code FastTanhTest} checks the bound against
 * {@link Math#tanh}); NaN stays NaN, ±∞ gives ±1.
 *
 * <p>Clamping x² rather than x is what makes the SIMD version cheap: x² is never negative, so its bits can
 * be clamped with one integer minimum (a NaN clamped there still reaches the result through the factor
 * x), and the result's magnitude likewise (see {@code VectorKernels.fastTanh}); a float minimum or a
 * compare-and-blend costs several instructions per lane in the Vector API. The GPU kernels use the same
 * coefficients and operations in the same order.
 */
public final class FastTanh {
    /** x² is clamped to 81, i.e. |x| to 9. */
    static final float SQUARE_CLAMP = 81f;
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
        float s = Math.min(x * x, SQUARE_CLAMP);
        float r = x * numerator(s) / denominator(s);
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
        return FloatFma.fma(FloatFma.fma(FloatFma.fma(FloatFma.fma(P4, s, P3), s, P2), s, P1), s, P0);
    }

    /** Q(s), likewise. */
    private static float denominator(float s) {
        return FloatFma.fma(FloatFma.fma(FloatFma.fma(FloatFma.fma(Q4, s, Q3), s, Q2), s, Q1), s, 1f);
    }
}
