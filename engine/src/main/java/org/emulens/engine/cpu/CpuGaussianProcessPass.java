package org.emulens.engine.cpu;

import org.emulens.engine.gp.GaussianProcess;

/**
 * Gaussian-process emulators on the CPU, in float64: {@link #evaluateBlock} gives the predictive mean
 * rounded to float (without the variance's triangular solve), {@link #predict} the mean and the predictive
 * variance.
 */
final class CpuGaussianProcessPass implements CpuBlockPass {
    private final GaussianProcess gp;
    private final int d;

    CpuGaussianProcessPass(GaussianProcess gp) {
        this.gp = gp;
        this.d = gp.inputs();
    }

    @Override
    public float[][] newScratch() {
        return new float[0][];
    }

    @Override
    public void evaluateBlock(float[] x, float[] y, int first, int count, float[][] scratch) {
        double[] work = gp.newScratch();
        double[] row = new double[d];
        for (int r = first; r < first + count; r++) {
            for (int i = 0; i < d; i++) {
                row[i] = x[r * d + i];
            }
            y[r] = (float) gp.predictMean(row, 0, work);
        }
    }

    /** Means and variances of rows {@code [from, to)}. */
    void predict(float[] x, double[] means, double[] variances, int from, int to) {
        double[] work = gp.newScratch();
        double[] row = new double[d];
        double[] out = new double[2];
        for (int r = from; r < to; r++) {
            predictRow(x, r, row, out, work);
            means[r] = out[0];
            variances[r] = out[1];
        }
    }

    private void predictRow(float[] x, int r, double[] row, double[] out, double[] work) {
        for (int i = 0; i < d; i++) {
            row[i] = x[r * d + i];
        }
        gp.predict(row, 0, out, 0, work);
    }
}
