package org.emulens.ensemble.uncertainty;

import org.emulens.ensemble.rng.PortableFloatMath;

/**
 * Multiplicative lognormal error that preserves the mean: {@code x·exp(s·w − s²/2)}, with {@code w = e / σ}
 * the total error's normal score. For inputs that are positive and whose errors scale with the value
 * (precipitation, leaf area, a rate parameter).
 *
 * <h2>How σ maps to the log-space sd {@code s}</h2>
 * σ is an absolute standard deviation, like the other shapes' (and like per-pixel uncertainty products). With
 * {@code s² = log(1 + (σ/x)²)} the result has mean exactly {@code x} (because
 * {@code E[exp(s·w)] = exp(s²/2)}) and standard deviation exactly {@code x·sqrt(exp(s²) − 1) = σ}. Since
 * {@code x} and σ vary by cell, {@code s} is computed here, per member, in float and portably, rather than
 * once on the CPU: {@code log(1 + t)} with {@code t = (σ/x)²} uses Kahan's {@code log1p} construction on
 * {@link PortableFloatMath#log} (plain {@code log(1 + t)} would round {@code 1 + t} to 1 for {@code σ/x}
 * below 2.4e-4 and drop the error altogether).
 *
 * <h2>Edge cases</h2>
 * A nominal that is not positive has no multiplicative error and is returned unchanged. For {@code σ/x} above
 * about 1.8e19 the square overflows and the result is NaN; such a relative error describes no physical input.
 */
public record LogNormal() implements ErrorShape {

    @Override
    public float perturb(float nominal, float sigma, TotalErrors errors) {
        if (!(nominal > 0f)) {
            return nominal;
        }
        float e = errors.error(0);
        float w = e / sigma;
        float ratio = sigma / nominal;
        float s2 = logSpaceVariance(ratio);
        float s = (float) Math.sqrt(s2);
        float sw = s * w;
        float halfS2 = 0.5f * s2;
        float exponent = sw - halfS2;
        float factor = PortableFloatMath.exp(exponent);
        return nominal * factor;
    }

    /**
     * {@code log(1 + r²)}: the log-space variance of a lognormal whose standard deviation is {@code r} times
     * its mean. Kahan's construction: with {@code u = 1 + t} rounded, {@code log(u)·t/(u − 1)} is accurate to a
     * few ulps because the rounding error of {@code u} cancels between the two factors; where {@code u}
     * rounds to 1, {@code log(1 + t) = t} to within half an ulp.
     */
    static float logSpaceVariance(float ratio) {
        float t = ratio * ratio;
        float u = 1f + t;
        if (u == 1f) {
            return t;
        }
        float logU = PortableFloatMath.log(u);
        float uMinusOne = u - 1f;
        float scale = t / uMinusOne;
        return logU * scale;
    }

    @Override
    public void requireValid(String input) {
        // No parameters.
    }

    @Override
    public void requireValidNominal(String input, float nominal) {
        if (!(nominal > 0f)) {
            throw new UncertaintyException("parameter '" + input
                    + "': a lognormal (multiplicative) error needs a nominal value > 0, found " + nominal);
        }
    }
}
