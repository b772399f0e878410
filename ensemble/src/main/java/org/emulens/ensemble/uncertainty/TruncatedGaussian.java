package org.emulens.ensemble.uncertainty;

/**
 * Additive normal error restricted to physical bounds, such as soil moisture in [0, porosity] or albedo in
 * [0, 1]: the perturbed value follows N(x, σ²) truncated to {@code [lower, upper]}, σ being the parent
 * normal's standard deviation (the input's total sd), not that of the truncated result.
 *
 * <h2>Algorithm</h2>
 * <ol>
 *   <li>A nominal outside the bounds is first clamped into them: a retrieval slightly outside its physical
 *       range (a common artefact) is treated as lying on the bound, not as an error.</li>
 *   <li>Attempts {@code k = 0 .. 31}: {@code y = x + e_k}; the first {@code y} with
 *       {@code lower <= y <= upper} is the value. Each attempt redraws the <em>whole</em> total error: every
 *       component (random, correlated, systematic) takes its attempt-k draw, so {@code e_k} is N(0, σ²) and
 *       independent of the earlier attempts, and the accepted value is exactly truncated-normal. Components
 *       keep their structure among the cells that reach the same attempt (attempt k's systematic draw is still
 *       shared by all of them), but a cell that rejects attempt 0 no longer moves with one that accepted it.</li>
 *   <li>Fallback, if all 32 attempts fall outside: {@code lower + (upper − lower)·Φ(w_32)}, the uniform
 *       distribution on the bounds driven by the fresh normal score {@code w_32 = e_32 / σ} (a score
 *       independent of the rejected attempts, so the fallback is not biased towards either bound).</li>
 * </ol>
 *
 * <h2>Correlation with other inputs</h2>
 * Attempt k of this input uses attempt k's correlated normals (see {@link CorrelatedNormals}), while a
 * correlated input that accepted its attempt 0 used those of attempt 0. So the Gaussian copula of
 * {@link ErrorShape} holds exactly for members accepted at the first attempt, and the dependence weakens for
 * members that needed a redraw; with bounds several σ from the nominal, redraws are rare and this is
 * negligible.
 *
 * <h2>How often the fallback happens, and why uniform</h2>
 * With acceptance probability {@code p} the fallback has probability {@code (1 − p)^32}. Because the clamped
 * nominal lies within the bounds, {@code p >= Φ(width/σ) − ½}, so the fallback is below 1e-9 whenever the
 * bounds are at least 2σ wide, whatever the nominal. It becomes frequent only when the bounds are narrow
 * against σ (width 0.25σ with the nominal on a bound: p ≈ 0.1, fallback 3.4%), and there the truncated
 * normal's density varies across the bounds by a factor {@code exp(−width²/2σ²)} ≈ 0.97: it is nearly the
 * uniform distribution, which is therefore the fallback. (A clamped nominal would instead put a spike of
 * probability {@code (1 − p)^32} at one value.)
 */
public record TruncatedGaussian(float lower, float upper) implements ErrorShape {
    /** Rejection attempts before the fallback. */
    public static final int MAX_REJECTION_ATTEMPTS = 32;
    /** The attempt whose normal score drives the fallback. */
    public static final int FALLBACK_ATTEMPT = MAX_REJECTION_ATTEMPTS;

    @Override
    public float perturb(float nominal, float sigma, TotalErrors errors) {
        float x = unperturbed(nominal);
        for (int attempt = 0; attempt < MAX_REJECTION_ATTEMPTS; attempt++) {
            float e = errors.error(attempt);
            float y = x + e;
            if (y >= lower && y <= upper) {
                return y;
            }
        }
        float e = errors.error(FALLBACK_ATTEMPT);
        float w = e / sigma;
        float u = PortableNormalCdf.cdf(w);
        float width = upper - lower;
        float offset = width * u;
        float y = lower + offset;
        // u <= 1, but the rounded width and sum could still land one ulp above the bound.
        if (y > upper) {
            return upper;
        }
        return y;
    }

    /** The nominal clamped into {@code [lower, upper]}. */
    @Override
    public float unperturbed(float nominal) {
        if (nominal < lower) {
            return lower;
        }
        if (nominal > upper) {
            return upper;
        }
        return nominal;
    }

    @Override
    public void requireValid(String input) {
        if (!Float.isFinite(lower) || !Float.isFinite(upper)) {
            throw new UncertaintyException("input '" + input + "': truncated Gaussian bounds must be finite, found ["
                    + lower + ", " + upper + "]");
        }
        if (!(lower < upper)) {
            throw new UncertaintyException("input '" + input + "': truncated Gaussian bounds "
                    + (lower == upper ? "empty" : "inverted") + ", expected lower < upper, found lower " + lower
                    + ", upper " + upper);
        }
    }

    @Override
    public void requireValidNominal(String input, float nominal) {
        if (!(nominal >= lower && nominal <= upper)) {
            throw new UncertaintyException("parameter '" + input + "': nominal value must lie within the bounds ["
                    + lower + ", " + upper + "], found " + nominal);
        }
    }
}
