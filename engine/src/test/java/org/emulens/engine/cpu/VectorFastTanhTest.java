package org.emulens.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The SIMD fast tanh clamps on the bits (an int minimum of x² and of the result's magnitude); it must give
 * {@link FastTanh#tanh}'s value for every float, NaN, infinities, signed zeros and subnormals included.
 */
class VectorFastTanhTest {

    @Test
    void equalsTheScalarFunctionOnSpecialValuesAndASweepOfAllBitPatterns() {
        Assumptions.assumeTrue(SimdSupport.available(), "the Vector API is not available: " + SimdSupport.describe());
        float[] special = {Float.NaN, Float.intBitsToFloat(0x7FC0_0001), Float.intBitsToFloat(0xFFFF_FFFF),
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE,
            Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 9f, -9f, Math.nextUp(9f), Math.nextDown(9f),
            Math.nextUp(-9f), 8.230978f, 1e-20f, 1e19f, 1.8446743e19f, 3e38f, -3e38f};
        // Every special value in every lane: the count of special values (23) shares no factor with the lanes.
        float[] inLanes = new float[special.length * VectorKernels.lanes()];
        for (int i = 0; i < inLanes.length; i++) {
            inLanes[i] = special[i % special.length];
        }
        check(inLanes);
        // Every 4,093rd bit pattern (prime, so every exponent and a spread of mantissas): about a million floats.
        int step = 4093;
        float[] sweep = new float[(int) ((1L << 32) / step) + 1];
        int n = 0;
        for (long bits = 0; bits < 1L << 32; bits += step) {
            sweep[n++] = Float.intBitsToFloat((int) bits);
        }
        check(java.util.Arrays.copyOf(sweep, n));
    }

    private static void check(float[] x) {
        float[] v = x.clone();
        VectorKernels.fastTanh(v, 0, v.length);
        for (int i = 0; i < x.length; i++) {
            float at = x[i];
            // Float.floatToIntBits makes every NaN one value: NaN must stay NaN, its payload may not.
            assertEquals(Float.floatToIntBits(FastTanh.tanh(at)), Float.floatToIntBits(v[i]),
                    () -> "fast tanh at " + at + " (bits " + Integer.toHexString(Float.floatToRawIntBits(at)) + ")");
        }
    }
}
