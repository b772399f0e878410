package org.emulens.ensemble.uncertainty;

import java.util.Arrays;
import java.util.Objects;

/**
 * Additive error resampled from a given sample of errors (for example differences between a product and
 * in-situ matchups): the value is {@code x + σ·ŝ[j]}, where {@code ŝ} is the sample standardised to mean 0
 * and standard deviation 1 and {@code j = min(⌊Φ(w)·n⌋, n − 1)} picks one of its {@code n} values with equal
 * probability, {@code w = e / σ} being the total error's normal score.
 *
 * <h2>Why standardised and scaled by σ</h2>
 * The sample supplies the <em>form</em> of the error (skewness, heavy tails, several modes) and the per-cell
 * standard deviations supply its <em>size</em>, as for every other shape, so one sample can serve every cell
 * and the result has standard deviation exactly σ. The sample's mean is removed: a known bias is a correction
 * to the nominal values, not an uncertainty. Mean and standard deviation are computed in double when the
 * shape is made; the standard deviation is the population one (divisor {@code n}), which is the standard
 * deviation of resampling; {@code ŝ} is rounded to float and is what a kernel receives.
 *
 * <p>Why the index comes from Φ(w): as for {@link UniformError}, so that error components and correlations
 * carry over (a Gaussian copula). The chosen index has the exact equal-probability distribution to within
 * {@link PortableNormalCdf#MAX_ABS_ERROR} in probability, plus the float rounding of {@code Φ(w)·n}.
 */
public final class Empirical implements ErrorShape {
    /** Largest sample: {@code n} must be exact in float, and the index exact in {@code Φ(w)·n}. */
    public static final int MAX_SAMPLE_SIZE = 1 << 24;

    private final float[] sample;
    private final double mean;
    private final double sd;
    private final float[] standardised;

    Empirical(float[] errors) {
        Objects.requireNonNull(errors, "errors");
        this.sample = errors.clone();
        double sum = 0;
        for (float v : sample) {
            sum += v;
        }
        this.mean = sum / sample.length;
        double squares = 0;
        for (float v : sample) {
            double d = v - mean;
            squares += d * d;
        }
        this.sd = Math.sqrt(squares / sample.length);
        this.standardised = new float[sample.length];
        for (int i = 0; i < sample.length; i++) {
            standardised[i] = (float) ((sample[i] - mean) / sd);
        }
    }

    @Override
    public float perturb(float nominal, float sigma, TotalErrors errors) {
        float e = errors.error(0);
        float w = e / sigma;
        float u = PortableNormalCdf.cdf(w);
        float n = (float) standardised.length;
        float position = u * n;
        int index = (int) position;
        if (index >= standardised.length) {
            index = standardised.length - 1; // u rounds to exactly 1 for w above about 5.4
        }
        float offset = sigma * standardised[index];
        return nominal + offset;
    }

    @Override
    public void requireValid(String input) {
        if (sample.length < 2) {
            throw new UncertaintyException("input '" + input + "': empirical error sample "
                    + (sample.length == 0 ? "is empty" : "has a single value") + ", expected at least 2 values");
        }
        if (sample.length > MAX_SAMPLE_SIZE) {
            throw new UncertaintyException("input '" + input + "': empirical error sample must have at most "
                    + MAX_SAMPLE_SIZE + " values, found " + sample.length);
        }
        for (int i = 0; i < sample.length; i++) {
            if (!Float.isFinite(sample[i])) {
                throw new UncertaintyException("input '" + input + "': empirical error sample value " + i
                        + " must be finite, found " + sample[i]);
            }
        }
        if (!(sd > 0)) {
            throw new UncertaintyException("input '" + input + "': empirical error sample has no spread (all "
                    + sample.length + " values equal " + sample[0] + "), expected a standard deviation > 0");
        }
    }

    /** A copy of the sample as given. */
    public float[] sample() {
        return sample.clone();
    }

    /** Mean of the sample, in double; removed by the standardisation. */
    public double sampleMean() {
        return mean;
    }

    /** Population standard deviation of the sample, in double; divided out by the standardisation. */
    public double sampleSd() {
        return sd;
    }

    /** A copy of the standardised sample {@code ŝ} in float, exactly as {@link #perturb} indexes it. */
    public float[] standardisedSample() {
        return standardised.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Empirical && Arrays.equals(sample, ((Empirical) other).sample);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sample);
    }

    @Override
    public String toString() {
        return "Empirical[" + sample.length + " values, mean " + mean + ", sd " + sd + "]";
    }
}
