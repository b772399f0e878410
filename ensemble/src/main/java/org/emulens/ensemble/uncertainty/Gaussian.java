package org.emulens.ensemble.uncertainty;

/**
 * Additive normal error: the perturbed value is {@code x + e}, so it is N(x, σ²). The default shape, and the
 * one that error budgets such as ESA CCI's per-pixel uncertainties assume.
 */
public record Gaussian() implements ErrorShape {

    @Override
    public float perturb(float nominal, float sigma, TotalErrors errors) {
        float e = errors.error(0);
        return nominal + e;
    }

    @Override
    public void requireValid(String input) {
        // No parameters.
    }
}
