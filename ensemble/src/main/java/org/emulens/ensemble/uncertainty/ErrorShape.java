package org.emulens.ensemble.uncertainty;

/**
 * The distribution of an input's perturbed value around its nominal value, given the input's total standard
 * deviation σ in the cell and its total additive errors (see {@link TotalErrors}).
 *
 * <h2>One normal score drives every shape</h2>
 * The total error {@code e = sd_random·z_r + sd_correlated·z_c + sd_systematic·z_s} is N(0, σ²) with
 * {@code σ² = sd_random² + sd_correlated² + sd_systematic²}, and {@code w = e / σ} is its standard normal
 * score. Each shape is a function of {@code e} (or {@code w}): the Gaussian shapes add {@code e}, the others
 * map {@code w} monotonically (through {@code exp} or through Φ). So the error components keep their
 * meaning in every shape (two cells sharing a systematic draw move together in every shape), and
 * correlations between inputs, imposed on the normal scores, become a <em>Gaussian copula</em>: the
 * dependence is that of the correlated normal scores, the marginal is the shape's own (exactly so except for
 * {@link TruncatedGaussian} members that needed a redraw, as that class explains).
 *
 * <h2>Contract for implementations</h2>
 * {@link #perturb} is a pure function of its arguments, evaluated in float in a fixed order with only the
 * operations {@link org.emulens.ensemble.rng.PortableFloatMath} allows, so that a C kernel can transcribe it.
 * It is called only with a non-NaN nominal and {@code σ > 0}; with {@code σ = 0} the value is
 * {@link #unperturbed}. Parameters are validated when an {@link UncertaintyModel} is built, not when a shape
 * is made, so that the message can name the input.
 */
public sealed interface ErrorShape permits Gaussian, TruncatedGaussian, LogNormal, UniformError, Empirical {

    /**
     * The perturbed value.
     *
     * @param nominal the nominal value, not NaN
     * @param sigma   the total standard deviation, {@code > 0}
     * @param errors  the total additive errors of this input and member, by attempt
     */
    float perturb(float nominal, float sigma, TotalErrors errors);

    /** The value when σ = 0: the nominal, or for bounded shapes the nominal brought within the bounds. */
    default float unperturbed(float nominal) {
        return nominal;
    }

    /** Throws an {@link UncertaintyException} naming {@code input} if this shape's parameters are unusable. */
    void requireValid(String input);

    /**
     * Throws an {@link UncertaintyException} naming {@code input} if this shape cannot perturb the fixed
     * nominal value of an uncertain parameter (a configuration value, so a mismatch is a mistake rather than
     * data to be handled).
     */
    default void requireValidNominal(String input, float nominal) {
    }

    /** Additive normal error: {@code x + e}. */
    static Gaussian gaussian() {
        return new Gaussian();
    }

    /** Additive normal error restricted to physical bounds, by rejection. */
    static TruncatedGaussian truncatedGaussian(float lower, float upper) {
        return new TruncatedGaussian(lower, upper);
    }

    /** Multiplicative, mean-preserving lognormal error with standard deviation σ. */
    static LogNormal logNormal() {
        return new LogNormal();
    }

    /** Additive uniform error with standard deviation σ. */
    static UniformError uniform() {
        return new UniformError();
    }

    /** Additive error resampled from a given sample of errors, standardised and scaled to σ. */
    static Empirical empirical(float[] errors) {
        return new Empirical(errors);
    }
}
