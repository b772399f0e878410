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
    void expIsWithinBoundWhereItsResultIsANormalFloat() {
        // Dense grid: every 61st float of [ln(2^-126), ln(FLT_MAX)] on both signs (about 17 million
        // arguments, every binade down to the smallest floats, which exp maps next to 1).
        double max = 0.0;
        float worst = Float.NaN;
        for (int sign : new int[] {0, 0x80000000}) {
            for (int bits = 0; bits < 0x7f800000; bits += 61) {
                float x = Float.intBitsToFloat(bits | sign);
                double exact = StrictMath.exp(x);
                if (exact < 0x1p-126 || exact > Float.MAX_VALUE) {
                    if (bits > 0x42000000) {
                        break; // |x| > 32 here, so past the end of the normal range on this side
                    }
                    continue;
                }
                double error = ulpError(PortableFloatMath.exp(x), exact);
                if (error > max) {
                    max = error;
                    worst = x;
                }
            }
        }
        assertTrue(max <= PortableFloatMath.EXP_MAX_ULP, "max ulp error " + max + " at x = " + worst);
    }

    @Test
    void expIsWithinBoundOfTheSmallestSubnormalWhereItsResultIsSubnormal() {
        float from = -87.3365448f; // just above ln(2^-126): the result is subnormal below this
        double max = 0.0;
        for (float x = from; x >= -104f; x = Math.nextDown(x)) {
            double exact = StrictMath.exp(x);
            max = Math.max(max, Math.abs(PortableFloatMath.exp(x) - exact) / 0x1p-149);
        }
        assertTrue(max <= PortableFloatMath.EXP_SUBNORMAL_MAX_ULP, "max error " + max + " × 2^-149");
    }

    @Test
    void expHasIeeeValuesAtTheEndsOfItsRange() {
        assertEquals(1f, PortableFloatMath.exp(0f));
        assertEquals(1f, PortableFloatMath.exp(-0f));
        assertEquals(Float.POSITIVE_INFINITY, PortableFloatMath.exp(Float.POSITIVE_INFINITY));
        assertEquals(0f, PortableFloatMath.exp(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isNaN(PortableFloatMath.exp(Float.NaN)));
        // ln(FLT_MAX) = 88.72283905...: the float just below still gives a finite result, the one above
        // overflows; likewise below ln(2^-150) = -103.972077... every result rounds to +0.
        assertEquals(Float.POSITIVE_INFINITY, PortableFloatMath.exp(88.72284f));
        assertTrue(PortableFloatMath.exp(88.72283f) < Float.POSITIVE_INFINITY);
        assertEquals(Float.POSITIVE_INFINITY, PortableFloatMath.exp(89.5f));
        assertEquals(0f, PortableFloatMath.exp(-103.98f));
        assertEquals(Float.MIN_VALUE, PortableFloatMath.exp(-103.5f));
        assertEquals(0f, PortableFloatMath.exp(-1000f));
    }

    @Test
    void expOfLogIsTheIdentityToWithinTheirCombinedError() {
        // exp(log(y)) = y·(1 + δ) with |δ| about |log y|·ulp(log y) + ulp(y): a check that the two
        // functions agree with each other, and that exp's range reduction is right at every exponent.
        for (int e = -125; e <= 127; e++) {
            float y = Math.scalb(1.5f, e - 1);
            float back = PortableFloatMath.exp(PortableFloatMath.log(y));
            double logUlp = Math.ulp(PortableFloatMath.log(y));
            double tolerance = y * (Math.abs(Math.log(y)) * 0x1p-24 + logUlp + 0x1p-22);
            assertEquals(y, back, tolerance, "exp(log(" + y + "))");
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
