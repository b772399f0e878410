package org.emulens.engine.backend;

/**
 * How tanh is evaluated. Chosen explicitly by the caller, never switched silently.
 */
public enum TanhMode {
    /** {@code (float) Math.tanh(x)}: correctly rounded to within 1 ulp of float. */
    EXACT,
    /**
     * A rational approximation, x·P(s)/Q(s) with s = min(x², 81) and degree-4 P and Q fitted on
     * |x| ≤ 9, clamped to [−1, 1]; its maximum absolute error is {@link #FAST_MAX_ABS_ERROR}, tested over
     * a dense grid (3.4e-7 measured over all floats).
     */
    FAST;

    /** The documented bound for {@link #FAST}: maximum of |fast(x) - tanh(x)| over all floats. */
    public static final double FAST_MAX_ABS_ERROR = 5e-7;
}
