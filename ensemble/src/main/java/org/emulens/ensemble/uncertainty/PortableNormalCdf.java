package org.emulens.ensemble.uncertainty;

import org.emulens.ensemble.rng.PortableFloatMath;

/**
 * The standard normal distribution function Φ in single precision, written with the operations that
 * {@link PortableFloatMath} allows so that a C kernel copying it line by line returns the same bits.
 *
 * <p>Why it exists: every error shape is driven by a standard normal score (that is how error components
 * and correlations between inputs carry over to non-Gaussian shapes, see {@link ErrorShape}); the uniform
 * and empirical shapes, and the fallback of {@link TruncatedGaussian}, turn that score into a probability
 * with Φ. Library {@code erfc} implementations differ between Java, glibc, CUDA and OpenCL.
 *
 * <p>Method: Abramowitz and Stegun (1964) formula 7.1.26, {@code erf(a) = 1 − t·(a1 + t·(a2 + t·(a3 + t·(a4
 * + t·a5))))·exp(−a²)} with {@code t = 1 / (1 + p·a)}, whose own absolute error is at most 1.5e-7. With
 * {@code a = |z| / √2} the upper tail is {@code Q(|z|) = ½·t·(...)·exp(−z²/2)}, and {@code Φ(z) = Q(|z|)}
 * for {@code z < 0}, {@code 1 − Q(|z|)} otherwise, so that {@code Φ(−z) = 1 − Φ(z)} up to the rounding of
 * that subtraction. The constant {@code p/√2} is folded and every constant rounded to float.
 *
 * <p>Accuracy: the absolute error is at most {@value #MAX_ABS_ERROR} (measured over every float in [−8, 8]
 * against commons-math3's double-precision {@code Erf.erfc}; {@code PortableNormalCdfTest} re-checks it on a
 * grid). The largest errors are near z = 0, where the polynomial's terms partly cancel in float; the formula's
 * own error is at most 7.5e-8 in Φ. That is an error in probability, which is what moves a value in the shapes
 * that use it: a uniform error's value moves by at most {@code 2√3·σ·}{@value #MAX_ABS_ERROR}, and the
 * distribution of any shape driven through Φ is within that Kolmogorov distance of the exact one. The
 * relative accuracy in the far tails is poor (Φ(−5) ≈ 2.9e-7), which these uses never need.
 */
public final class PortableNormalCdf {
    /** Documented and tested bound on {@code |cdf(z) − Φ(z)|} over all finite z. */
    public static final double MAX_ABS_ERROR = 3.4e-7;

    /** Abramowitz and Stegun's p = 0.3275911 divided by √2, so that t = 1 / (1 + P_OVER_SQRT2·|z|). */
    private static final float P_OVER_SQRT2 = 0x1.da671p-3f;
    private static final float A1 = 0x1.04f20cp-2f;  // 0.254829592
    private static final float A2 = -0x1.23531cp-2f; // -0.284496736
    private static final float A3 = 0x1.6be1c6p+0f;  // 1.421413741
    private static final float A4 = -0x1.7401c6p+0f; // -1.453152027
    private static final float A5 = 0x1.0fb844p+0f;  // 1.061405429

    private PortableNormalCdf() {
    }

    /**
     * Φ(z) within {@value #MAX_ABS_ERROR}; in [0, 1], 0 at −∞, 1 at +∞ and NaN for NaN. It rounds to
     * exactly 1 for z above about 5.4, and underflows to exactly 0 only far below the range of the scores
     * that drive it (z below −14.17).
     */
    public static float cdf(float z) {
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
        float gauss = PortableFloatMath.exp(exponent);
        float halfPoly = 0.5f * poly;
        float tail = halfPoly * gauss;
        if (z < 0f) {
            return tail;
        }
        return 1f - tail;
    }
}
