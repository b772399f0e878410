package org.emulens.kernels;

/**
 * Test copy of {@code PortableNormalCdf.cdf} and {@code PortableFloatMath.exp} as committed on the
 * ensemble-uncertainty branch (commits b8d559c and 7e26b4f), which this branch does not have yet: the Java
 * side of the truncated Gaussian's fallback, for checking the kernel's transcription. Once that branch is
 * merged, the tests should call {@code MemberPerturber} itself and this class should go.
 */
final class ReferenceNormalCdf {
    private static final float P_OVER_SQRT2 = 0x1.da671p-3f;
    private static final float A1 = 0x1.04f20cp-2f;
    private static final float A2 = -0x1.23531cp-2f;
    private static final float A3 = 0x1.6be1c6p+0f;
    private static final float A4 = -0x1.7401c6p+0f;
    private static final float A5 = 0x1.0fb844p+0f;

    private static final float LN2_HI = 0x1.62e4p-1f;
    private static final float LN2_LO = 0x1.7f7d1cp-20f;
    private static final float INV_LN2 = 0x1.715476p+0f;
    private static final float ROUND_SHIFT = 0x1.8p23f;
    private static final float EXP_E2 = 0.5f;
    private static final float EXP_E3 = 0x1.555556p-3f;
    private static final float EXP_E4 = 0x1.555556p-5f;
    private static final float EXP_E5 = 0x1.111112p-7f;
    private static final float EXP_E6 = 0x1.6c16c2p-10f;
    private static final float EXP_E7 = 0x1.a01a02p-13f;

    private ReferenceNormalCdf() {
    }

    static float cdf(float z) {
        float a = z < 0f ? -z : z;
        float pa = P_OVER_SQRT2 * a;
        float denominator = 1f + pa;
        float t = 1f / denominator;
        float poly = A5 * t;
        poly = A4 + poly;
        poly = poly * t;
        poly = A3 + poly;
        poly = poly * t;
        poly = A2 + poly;
        poly = poly * t;
        poly = A1 + poly;
        poly = poly * t;
        float z2 = z * z;
        float exponent = -0.5f * z2;
        float gauss = exp(exponent);
        float halfPoly = 0.5f * poly;
        float tail = halfPoly * gauss;
        if (z < 0f) {
            return tail;
        }
        return 1f - tail;
    }

    static float exp(float x) {
        if (x != x) {
            return x;
        }
        if (x > 89f) {
            return Float.POSITIVE_INFINITY;
        }
        if (x < -104f) {
            return 0f;
        }
        float t = x * INV_LN2;
        float shifted = t + ROUND_SHIFT;
        float kf = shifted - ROUND_SHIFT;
        int k = (int) kf;
        float kHi = kf * LN2_HI;
        float hi = x - kHi;
        float lo = kf * LN2_LO;
        float r = hi - lo;
        float p = EXP_E7 * r;
        p = EXP_E6 + p;
        p = p * r;
        p = EXP_E5 + p;
        p = p * r;
        p = EXP_E4 + p;
        p = p * r;
        p = EXP_E3 + p;
        p = p * r;
        p = EXP_E2 + p;
        float r2 = r * r;
        float q = r2 * p;
        float sum = lo - q;
        sum = hi - sum;
        float m = 1f + sum;
        int k1 = k >> 1;
        int k2 = k - k1;
        float scale1 = Float.intBitsToFloat((k1 + 127) << 23);
        float scale2 = Float.intBitsToFloat((k2 + 127) << 23);
        float exact = m * scale1;
        return exact * scale2;
    }
}
