package org.emulens.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The software fused multiply-add gives {@link Math#fma}'s bits (IEEE 754 fusedMultiplyAdd, run on this
 * machine's FMA instructions or, without them, on BigDecimal) for every kind of argument.
 */
class FloatFmaTest {

    @Test
    void equalsMathFmaOnRandomArgumentsAcrossExponents() {
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 2_000_000; i++) {
            float a = Float.intBitsToFloat(r.nextInt());
            float b = Float.intBitsToFloat(r.nextInt());
            float c = Float.intBitsToFloat(r.nextInt());
            check(a, b, c);
            // Forward-pass-like magnitudes, where the products and the sums are of one size.
            float w = (float) r.nextGaussian();
            float x = (float) r.nextGaussian();
            check(w, x, (float) r.nextGaussian());
        }
    }

    @Test
    void equalsMathFmaWhereTheSumCancelsOrFallsHalfway() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 1_000_000; i++) {
            float a = (float) (r.nextDouble() * 4 - 2);
            float b = (float) (r.nextDouble() * 4 - 2);
            float p = a * b;
            // c close to −a·b: the result is the rounding error of the product, or a few ulps of it.
            check(a, b, -p);
            check(a, b, Math.nextUp(-p));
            check(a, b, Math.nextDown(-p));
            // Products whose low half decides a tie between two floats.
            float half = Math.ulp(p) / 2;
            check(a, b, half);
            check(a, b, -half);
            check(a, b, Math.scalb(p, -24));
        }
    }

    @Test
    void equalsMathFmaOnSpecialValues() {
        float[] v = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1f, -1f, 0x1p-75f, 0x1p-126f * 1.5f, 3e38f,
            1e-30f, Math.nextUp(1f), Math.nextDown(1f)};
        for (float a : v) {
            for (float b : v) {
                for (float c : v) {
                    check(a, b, c);
                }
            }
        }
    }

    private static void check(float a, float b, float c) {
        float expected = Math.fma(a, b, c);
        float got = FloatFma.software(a, b, c);
        assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(got),
                () -> "fma(" + a + ", " + b + ", " + c + "): expected " + expected + ", found " + got);
    }
}
