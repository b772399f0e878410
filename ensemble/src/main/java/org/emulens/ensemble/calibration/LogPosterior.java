package org.emulens.ensemble.calibration;

/** A log density evaluated for many points in one call, so that a sampler's proposals form one batch. */
@FunctionalInterface
public interface LogPosterior {
    /** Writes log p(points[i]) (−∞ where zero) into {@code out[i]} for {@code i < count}. */
    void evaluate(double[][] points, int count, double[] out);
}
