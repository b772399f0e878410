package org.emulens.ensemble.uncertainty;

/**
 * Additive uniform error with standard deviation σ: the value is uniform on {@code [x − σ√3, x + σ√3]}, as
 * {@code x + σ√3·(2Φ(w) − 1)} with {@code w = e / σ} the total error's normal score. For errors known only by
 * their range, such as a quantisation step or a tabulated tolerance.
 *
 * <p>Why through Φ rather than from a uniform draw: the error components and the correlations between inputs
 * are defined on normal scores (see {@link ErrorShape}); mapping the total score through Φ keeps them (a
 * Gaussian copula) and gives a uniform marginal to within {@link PortableNormalCdf#MAX_ABS_ERROR} in
 * probability.
 */
public record UniformError() implements ErrorShape {
    /** √3 rounded to float: the half-width of a unit-variance uniform. */
    static final float SQRT3 = 0x1.bb67aep+0f;

    @Override
    public float perturb(float nominal, float sigma, TotalErrors errors) {
        float e = errors.error(0);
        float w = e / sigma;
        float u = PortableNormalCdf.cdf(w);
        float twoU = 2f * u;
        float centred = twoU - 1f;
        float halfWidth = sigma * SQRT3;
        float offset = halfWidth * centred;
        return nominal + offset;
    }

    @Override
    public void requireValid(String input) {
        // No parameters.
    }
}
