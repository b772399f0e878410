package org.emulens.ensemble.rng;

/**
 * The natural logarithm, the exponential and {@code sin}/{@code cos} of {@code 2πu} in single precision,
 * written so that a C99 transcription on a CPU, a CUDA device or an OpenCL device returns the same bits as
 * this class.
 *
 * <h2>Why not {@code Math.log}, {@code logf}, {@code __logf}?</h2>
 * Library transcendental functions differ by an ulp or so between Java, glibc, CUDA and OpenCL, and the
 * ensemble contract is that a member's normal deviates are identical on every backend. So these functions
 * use only operations that IEEE 754 requires to be correctly rounded: float {@code + - * /}, comparisons,
 * int↔float conversion of small integers and reinterpretation of the bits ({@code Float.floatToRawIntBits}
 * ↔ a C union or {@code as_float}/{@code __float_as_int}). Each line is one operation or fully
 * parenthesised, so the C is a literal copy. Java evaluates float expressions in strict IEEE binary32 (JEP
 * 306, Java 17), which is what C gives when:
 * <ul>
 *   <li>contraction into fused multiply-adds is off: {@code -ffp-contract=off} for gcc/clang,
 *       {@code -fmad=false} for nvcc, {@code #pragma OPENCL FP_CONTRACT OFF} in OpenCL C;</li>
 *   <li>division and square root are correctly rounded: nvcc's defaults {@code -prec-div=true
 *       -prec-sqrt=true} (so never {@code -use_fast_math}), and the OpenCL build option
 *       {@code -cl-fp32-correctly-rounded-divide-sqrt};</li>
 *   <li>float arithmetic is evaluated in float ({@code FLT_EVAL_METHOD == 0}; not x87), and subnormals are
 *       not flushed to zero ({@code -ftz=false} for nvcc). Only {@link #log} sees subnormal arguments, and
 *       only for inputs that {@link MemberDraws} never produces; {@link #exp} returns subnormals for
 *       arguments below about −87.3;</li>
 *   <li>the compiler does not reassociate float arithmetic (no {@code -ffast-math}, no
 *       {@code -cl-fast-relaxed-math} or {@code -cl-unsafe-math-optimizations}): {@link #exp} rounds to
 *       an integer by adding and subtracting 1.5·2^23, which reassociation would fold away.</li>
 * </ul>
 *
 * <h2>Accuracy</h2>
 * Measured against {@code StrictMath} evaluated in double, exhaustively over every input in the domain:
 * <ul>
 *   <li>{@link #log}: at most {@value #LOG_MAX_ULP} ulp over all positive finite floats, subnormals
 *       included;</li>
 *   <li>{@link #sin2pi} and {@link #cos2pi}: at most {@value #SIN_COS_2PI_MAX_ULP} ulp over all floats
 *       in [0, 1] (reference {@code StrictMath.sin(2 * Math.PI * u)}, whose own error is below 0.13 float
 *       ulp there).</li>
 *   <li>{@link #exp}: at most {@value #EXP_MAX_ULP} ulp over all floats whose exponential is a normal
 *       finite float, i.e. in [−87.336, 88.722]; below that, where the result is subnormal, at most
 *       {@value #EXP_SUBNORMAL_MAX_ULP} ulp of the smallest subnormal, 2^-149.</li>
 * </ul>
 * Ulps are those of the exact result's binade. {@code PortableFloatMathTest} re-checks the {@code log} and
 * {@code sin}/{@code cos} bounds on every uniform that {@link MemberDraws} can produce, and every bound on a
 * strided sample of the whole domain.
 */
public final class PortableFloatMath {
    /** Documented and tested maximum error of {@link #log}, in ulps. */
    public static final double LOG_MAX_ULP = 0.86;
    /** Documented and tested maximum error of {@link #sin2pi} and {@link #cos2pi}, in ulps. */
    public static final double SIN_COS_2PI_MAX_ULP = 1.74;
    /** Documented and tested maximum error of {@link #exp} where its result is a normal float, in ulps. */
    public static final double EXP_MAX_ULP = 0.94;
    /** Documented and tested maximum error of {@link #exp} where its result is subnormal, in units of 2^-149. */
    public static final double EXP_SUBNORMAL_MAX_ULP = 0.75;

    // ln 2 split so that k * LN2_HI is exact for every exponent k (|k| < 256): LN2_HI has 16 significant
    // bits (45426 / 65536), LN2_LO = ln 2 - LN2_HI rounded to float.
    static final float LN2_HI = 0x1.62e4p-1f;
    static final float LN2_LO = 0x1.7f7d1cp-20f;
    // Taylor coefficients of 2 atanh(s) / s - 2 = 2s²/3 + 2s⁴/5 + ..., rounded to float. With |s| <= 0.1716
    // the first omitted term, 2s¹⁰/11, is below 0.03 ulp of the result.
    static final float LOG_C1 = 0x1.555556p-1f; // 2/3
    static final float LOG_C2 = 0x1.99999ap-2f; // 2/5
    static final float LOG_C3 = 0x1.24924ap-2f; // 2/7
    static final float LOG_C4 = 0x1.c71c72p-3f; // 2/9
    /** Bits of the float nearest sqrt(2), the upper end of the reduced mantissa range. */
    static final int SQRT2_BITS = 0x3fb504f3;

    /** 1 / ln 2 rounded to float; its error only moves the rounding boundary of k by a negligible amount. */
    private static final float INV_LN2 = 0x1.715476p+0f;
    /** 1.5·2^23: adding it to |t| < 2^22 leaves round-to-nearest-even(t) in the low mantissa bits. */
    private static final float ROUND_SHIFT = 0x1.8p23f;
    /** Above this, exp overflows (ln(FLT_MAX) ≈ 88.7228); the reduction below stays exact up to here. */
    private static final float EXP_ARG_MAX = 89f;
    /** Below this, exp rounds to +0 (ln(2^-150) ≈ −103.972); the reduction below stays exact down to here. */
    private static final float EXP_ARG_MIN = -104f;
    // Taylor coefficients 1/n! of (exp(r) - 1 - r) / r² = 1/2 + r/6 + ..., rounded to float. With
    // |r| <= 0.3466 the first omitted term, r⁸/8!, is below 0.09 ulp of the result.
    private static final float EXP_E2 = 0.5f;
    private static final float EXP_E3 = 0x1.555556p-3f;  // 1/6
    private static final float EXP_E4 = 0x1.555556p-5f;  // 1/24
    private static final float EXP_E5 = 0x1.111112p-7f;  // 1/120
    private static final float EXP_E6 = 0x1.6c16c2p-10f; // 1/720
    private static final float EXP_E7 = 0x1.a01a02p-13f; // 1/5040

    // Taylor coefficients of sin(πr/2) = S1 r + S3 r³ + ... and cos(πr/2) = 1 + C2 r² + ..., i.e.
    // ±(π/2)^n / n!, rounded to float. With |r| <= 1/2 the first omitted terms are below 0.05 ulp.
    static final float SIN_S1 = 0x1.921fb6p+0f;
    static final float SIN_S3 = -0x1.4abbcep-1f;
    static final float SIN_S5 = 0x1.466bc6p-4f;
    static final float SIN_S7 = -0x1.32d2ccp-8f;
    static final float SIN_S9 = 0x1.507834p-13f;
    static final float COS_C2 = -0x1.3bd3ccp+0f;
    static final float COS_C4 = 0x1.03c1f0p-2f;
    static final float COS_C6 = -0x1.55d3c8p-6f;
    static final float COS_C8 = 0x1.e1f506p-11f;
    static final float COS_C10 = -0x1.a6d1f2p-16f;

    private PortableFloatMath() {
    }

    /**
     * Natural logarithm, within {@value #LOG_MAX_ULP} ulp; {@code log(±0) = -∞}, {@code log(x < 0) = NaN},
     * {@code log(+∞) = +∞}, {@code log(NaN) = NaN}.
     *
     * <p>Method: {@code x = 2^k · m} with {@code m} in [√½, √2] taken from the bits, {@code f = m − 1}
     * (exact), {@code s = f / (2 + f)}, and {@code log(m) = 2 atanh(s)} written as
     * {@code f − (f²/2 − s·(f²/2 + R(s²)))} so that the large term {@code f} is exact and only small
     * corrections carry rounding error.
     */
    public static float log(float x) {
        int bits = Float.floatToRawIntBits(x);
        if (bits <= 0 || bits >= 0x7f800000) {
            return logOutsidePositiveFinite(x);
        }
        int k = 0;
        if (bits < 0x00800000) {
            // Subnormal: scaling by 2^23 is exact and makes it normal.
            float scaled = x * 0x1p23f;
            bits = Float.floatToRawIntBits(scaled);
            k = -23;
        }
        k = k + ((bits >>> 23) - 127);
        int mantissaBits = (bits & 0x007fffff) | 0x3f800000;
        if (mantissaBits > SQRT2_BITS) {
            // Halve m into [√½, 1) so that |f| stays small on both sides of 1.
            mantissaBits = mantissaBits - 0x00800000;
            k = k + 1;
        }
        float m = Float.intBitsToFloat(mantissaBits);
        float f = m - 1f;
        float twoPlusF = 2f + f;
        float s = f / twoPlusF;
        float z = s * s;
        float r = LOG_C4 * z;
        r = LOG_C3 + r;
        r = r * z;
        r = LOG_C2 + r;
        r = r * z;
        r = LOG_C1 + r;
        r = r * z;
        float halfF = 0.5f * f;
        float hfsq = halfF * f;
        float kf = (float) k;
        float correction = hfsq + r;
        correction = s * correction;
        float kLo = kf * LN2_LO;
        correction = correction + kLo;
        float logM = hfsq - correction;
        logM = f - logM;
        float kHi = kf * LN2_HI;
        return kHi + logM;
    }

    private static float logOutsidePositiveFinite(float x) {
        if (x == 0f) {
            return Float.NEGATIVE_INFINITY;
        }
        if (x < 0f) {
            return Float.NaN;
        }
        return x; // +∞ or NaN
    }

    /**
     * The exponential, within {@value #EXP_MAX_ULP} ulp where the result is a normal float;
     * {@code exp(x > 89) = +∞}, {@code exp(x < −104) = +0}, {@code exp(NaN) = NaN}. Needed by multiplicative
     * (lognormal) errors, whose factor must have the same bits on every backend.
     *
     * <p>Method: {@code x = k·ln 2 + r} with {@code k} the integer nearest {@code x / ln 2} and
     * {@code |r| <= ½ ln 2}; {@code r = hi − lo} with {@code hi = x − k·LN2_HI} exact ({@code k·LN2_HI} is
     * exact because {@code |k| <= 150} needs 8 bits and {@code LN2_HI} has 16, and the subtraction is exact
     * by Sterbenz's lemma) and {@code lo = k·LN2_LO}. Then {@code exp(r) = 1 + (hi − (lo − q))} with
     * {@code q = r²·P(r)} the Taylor tail, so that only small terms carry rounding error before the final
     * addition. The scaling by {@code 2^k} is two multiplications by {@code 2^(k >> 1)} and
     * {@code 2^(k − (k >> 1))}, both normal floats built from their exponent bits: the first product is
     * exact, so the result is rounded once, also where it is subnormal or overflows.
     */
    public static float exp(float x) {
        if (x != x) {
            return x; // NaN
        }
        if (x > EXP_ARG_MAX) {
            return Float.POSITIVE_INFINITY;
        }
        if (x < EXP_ARG_MIN) {
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

    /**
     * {@code sin(2πu)} for {@code u} in [0, 1], within {@value #SIN_COS_2PI_MAX_ULP} ulp; NaN outside. Exact
     * (±0) at u = 0, ½, 1 and exactly ±1 at u = ¼, ¾.
     */
    public static float sin2pi(float u) {
        if (!(u >= 0f && u <= 1f)) {
            return Float.NaN;
        }
        int quadrant = nearestQuadrant(u);
        float r = quadrantOffset(u, quadrant);
        switch (quadrant & 3) {
            case 0:
                return sinHalfPi(r);
            case 1:
                return cosHalfPi(r);
            case 2:
                return -sinHalfPi(r);
            default:
                return -cosHalfPi(r);
        }
    }

    /**
     * {@code cos(2πu)} for {@code u} in [0, 1], within {@value #SIN_COS_2PI_MAX_ULP} ulp; NaN outside. Exact
     * (±0) at u = ¼, ¾ and exactly ±1 at u = 0, ½, 1.
     */
    public static float cos2pi(float u) {
        if (!(u >= 0f && u <= 1f)) {
            return Float.NaN;
        }
        int quadrant = nearestQuadrant(u);
        float r = quadrantOffset(u, quadrant);
        switch (quadrant & 3) {
            case 0:
                return cosHalfPi(r);
            case 1:
                return -sinHalfPi(r);
            case 2:
                return -cosHalfPi(r);
            default:
                return sinHalfPi(r);
        }
    }

    /**
     * The quadrant q in 0..4 nearest to 4u, found from the octant {@code (int)(8u)} so that the reduction
     * is exact: 8u is an exact scaling, and truncating it never rounds.
     */
    private static int nearestQuadrant(float u) {
        float eightU = u * 8f;
        int octant = (int) eightU;
        return (octant + 1) >> 1;
    }

    /**
     * r = 4u − q in [−½, ½], so that 2πu = q·π/2 + r·π/2. Exact: 4u is an exact scaling and the
     * subtraction of a nearby small integer is exact (Sterbenz), so no error enters before the polynomial.
     */
    private static float quadrantOffset(float u, int quadrant) {
        float fourU = u * 4f;
        float q = (float) quadrant;
        return fourU - q;
    }

    /** sin(πr/2) for |r| <= ½. */
    private static float sinHalfPi(float r) {
        float z = r * r;
        float p = SIN_S9 * z;
        p = SIN_S7 + p;
        p = p * z;
        p = SIN_S5 + p;
        p = p * z;
        p = SIN_S3 + p;
        p = p * z;
        p = SIN_S1 + p;
        return r * p;
    }

    /** cos(πr/2) for |r| <= ½. */
    private static float cosHalfPi(float r) {
        float z = r * r;
        float p = COS_C10 * z;
        p = COS_C8 + p;
        p = p * z;
        p = COS_C6 + p;
        p = p * z;
        p = COS_C4 + p;
        p = p * z;
        p = COS_C2 + p;
        p = p * z;
        return 1f + p;
    }
}
