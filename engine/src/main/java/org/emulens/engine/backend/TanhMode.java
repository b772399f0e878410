package org.emulens.engine.backend;

/**
 * How tanh is evaluated. Chosen explicitly by the caller, never switched silently.
 */
public enum TanhMode {
    /** {@code (float) Math.tanh(x)}: correctly rounded to within 1 ulp of float. */
    EXACT,
    /**
     * A rational minimax approximation, x·P(x²)/Q(x²) with degree-4 P and Q on |x| ≤ 9, clamped
     * beyond; its maximum absolute error is {@link #FAST_MAX_ABS_ERROR}, tested over a dense grid.
     */
    FAST;

    /** The documented bound for {@link #FAST}: maximum of |fast(x) - tanh(x)| over all floats. */
    public static final double FAST_MAX_ABS_ERROR = 5e-7;
}
