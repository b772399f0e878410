package org.emulens.ensemble.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Checks the documented ulp bounds against {@code StrictMath} in double precision. The exhaustive runs over
 * all floats were done once when the bounds were measured (about two minutes); here every uniform that
 * {@link MemberDraws} can produce (2^23 values) is checked exhaustively, and the rest of each domain on a
 * strided sample, so that the test stays fast.
 */
class PortableFloatMathTest {

    /** Size of one ulp of a float whose exact value is {@code exact}: the spacing of its binade. */
    private static double floatUlp(double exact) {
        int exponent = Math.max(Math.getExponent(Math.abs(exact)), Float.MIN_EXPONENT);
        return Math.scalb(1.0, exponent - 23);
    }

    private static double ulpError(float got, double exact) {
        if (exact == 0.0) {
            return got == 0f ? 0.0 : Double.POSITIVE_INFINITY;
        }
        return Math.abs(got - exact) / floatUlp(exact);
    }

    private interface FloatFunction {
        float apply(float x);
    }

    private static double maxErrorOverUniforms(FloatFunction ours, DoubleUnaryOperator reference) {
        double max = 0.0;
        for (int k = 0; k < (1 << 23); k++) {
            float u = MemberDraws.uniformFromBits(k << 9);
            max = Math.max(max, ulpError(ours.apply(u), reference.applyAsDouble(u)));
        }
        return max;
    }

    @Test
    void logIsWithinBoundOnEveryUniformTheGeneratorProduces() {
        double max = maxErrorOverUniforms(PortableFloatMath::log, StrictMath::log);
        assertTrue(max <= PortableFloatMath.LOG_MAX_ULP, "max ulp error " + max);
    }

    @Test
    void logIsWithinBoundAcrossAllPositiveFloatsIncludingSubnormals() {
        double max = 0.0;
        // 1021 is prime, so the stride visits every mantissa pattern residue and every binade.
        for (int bits = 1; bits < 0x7f800000; bits += 1021) {
            float x = Float.intBitsToFloat(bits);
            max = Math.max(max, ulpError(PortableFloatMath.log(x), StrictMath.log(x)));
        }
        assertTrue(max <= PortableFloatMath.LOG_MAX_ULP, "max ulp error " + max);
    }

    @Test
    void logHasIeeeValuesOutsideThePositiveFiniteRange() {
        assertEquals(Float.NEGATIVE_INFINITY, PortableFloatMath.log(0f));
        assertEquals(Float.NEGATIVE_INFINITY, PortableFloatMath.log(-0f));
        assertTrue(Float.isNaN(PortableFloatMath.log(-1f)));
        assertTrue(Float.isNaN(PortableFloatMath.log(Float.NEGATIVE_INFINITY)));
        assertTrue(Float.isNaN(PortableFloatMath.log(Float.NaN)));
        assertEquals(Float.POSITIVE_INFINITY, PortableFloatMath.log(Float.POSITIVE_INFINITY));
    }

    @Test
    void logOfPowersOfTwoIsCorrectlyRounded() {
        assertEquals(0f, PortableFloatMath.log(1f));
        // log(2^k) = k ln 2 is k·LN2_HI (exact) plus k·LN2_LO, so the only errors beyond the final rounding
        // are the rounding of LN2_LO and of k·LN2_LO, below 0.001 ulp of the result.
        for (int k = -149; k <= 127; k++) {
            float x = Math.scalb(1f, k);
            assertTrue(ulpError(PortableFloatMath.log(x), k * Math.log(2.0)) <= 0.501, "2^" + k);
        }
    }

    @Test
    void sinAndCosAreWithinBoundOnEveryUniformTheGeneratorProduces() {
        double maxSin = maxErrorOverUniforms(PortableFloatMath::sin2pi, u -> StrictMath.sin(2 * Math.PI * u));
        double maxCos = maxErrorOverUniforms(PortableFloatMath::cos2pi, u -> StrictMath.cos(2 * Math.PI * u));
        assertTrue(maxSin <= PortableFloatMath.SIN_COS_2PI_MAX_ULP, "sin max ulp error " + maxSin);
        assertTrue(maxCos <= PortableFloatMath.SIN_COS_2PI_MAX_ULP, "cos max ulp error " + maxCos);
    }

    @Test
    void sinAndCosAreWithinBoundAcrossAllFloatsInTheUnitInterval() {
        double max = 0.0;
        int one = Float.floatToRawIntBits(1f);
        for (int bits = 1; bits < one; bits += 509) {
            float u = Float.intBitsToFloat(bits);
            if (u == 0.25f || u == 0.5f || u == 0.75f) {
                continue; // exact zeros of sin or cos, checked below
            }
            max = Math.max(max, ulpError(PortableFloatMath.sin2pi(u), StrictMath.sin(2 * Math.PI * u)));
            max = Math.max(max, ulpError(PortableFloatMath.cos2pi(u), StrictMath.cos(2 * Math.PI * u)));
        }
        assertTrue(max <= PortableFloatMath.SIN_COS_2PI_MAX_ULP, "max ulp error " + max);
    }

    @Test
    void sinAndCosAreExactAtQuarterTurns() {
        float[] quarters = {0f, 0.25f, 0.5f, 0.75f, 1f};
        float[] sines = {0f, 1f, 0f, -1f, 0f};
        float[] cosines = {1f, 0f, -1f, 0f, 1f};
        for (int i = 0; i < quarters.length; i++) {
            assertEquals(sines[i], PortableFloatMath.sin2pi(quarters[i]), 0f, "sin at " + quarters[i]);
            assertEquals(cosines[i], PortableFloatMath.cos2pi(quarters[i]), 0f, "cos at " + quarters[i]);
        }
    }

    @Test
    void sinAndCosAreNaNOutsideTheUnitInterval() {
        assertTrue(Float.isNaN(PortableFloatMath.sin2pi(-0.1f)));
        assertTrue(Float.isNaN(PortableFloatMath.cos2pi(1.5f)));
        assertTrue(Float.isNaN(PortableFloatMath.sin2pi(Float.NaN)));
    }
}
