package org.emulens.ensemble.calibration;

/**
 * The posterior log density of the calibrated parameters: log prior plus the Gaussian log likelihood of the
 * observations under {@link ObservationErrors}. Points outside the prior's box are not sent to the emulator.
 */
public final class GaussianPosterior implements LogPosterior {
    private final Prior prior;
    private final ModelAtObservations model;
    private final ObservationErrors errors;
    private double[][] inside = new double[0][];
    private double[] f = new double[0];

    public GaussianPosterior(Prior prior, ModelAtObservations model, ObservationErrors errors) {
        if (model.dimensions() != prior.dimensions()) {
            throw new IllegalArgumentException("model takes " + model.dimensions() + " parameters, prior has "
                    + prior.dimensions());
        }
        this.prior = prior;
        this.model = model;
        this.errors = errors;
    }

    @Override
    public void evaluate(double[][] points, int count, double[] out) {
        int n = errors.observations().size();
        if (inside.length < count) {
            inside = new double[count][];
            f = new double[count * n];
        }
        int m = 0;
        for (int i = 0; i < count; i++) {
            out[i] = prior.logDensity(points[i]);
            if (out[i] > Double.NEGATIVE_INFINITY) {
                inside[m++] = points[i];
            }
        }
        model.evaluate(inside, m, f);
        double[] r = new double[n];
        int k = 0;
        for (int i = 0; i < count; i++) {
            if (out[i] > Double.NEGATIVE_INFINITY) {
                for (int o = 0; o < n; o++) {
                    r[o] = errors.observations().value(o) - f[k * n + o];
                }
                out[i] += errors.logLikelihood(r, 0);
                k++;
            }
        }
    }
}
