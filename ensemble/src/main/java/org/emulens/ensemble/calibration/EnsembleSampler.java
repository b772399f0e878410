package org.emulens.ensemble.calibration;

import org.emulens.ensemble.rng.MemberDraws;
import org.emulens.ensemble.rng.ReservedStreams;

/**
 * The affine-invariant ensemble sampler of Goodman and Weare (2010) with the stretch move, updating the
 * walkers in two halves so that each half's proposals are evaluated as one batch (Foreman-Mackey et al. 2013).
 * Walker k at half-step h of step s draws its uniforms from the Philox counter (stream
 * {@link ReservedStreams#CALIBRATION}, cell 2s + h, member k): word 0 for the stretch, 1 for the partner,
 * 2 for the acceptance. No mutable random state is shared, so a run is the same on every backend whose
 * log densities agree.
 */
public final class EnsembleSampler {
    private EnsembleSampler() {
    }

    /** Walkers (even, at least 2 × dimensions), steps kept after {@code burnIn} steps, stretch scale a. */
    public record Settings(int walkers, int burnIn, int steps, double stretch, long seed) {
        public Settings {
            if (walkers < 4 || walkers % 2 != 0) {
                throw new CalibrationException("mcmc: walkers must be even and >= 4, found " + walkers);
            }
            if (burnIn < 0 || steps < 4) {
                throw new CalibrationException("mcmc: need burn_in >= 0 and steps >= 4, found " + burnIn + ", " + steps);
            }
            if (!(stretch > 1)) {
                throw new CalibrationException("mcmc: stretch scale must be > 1, found " + stretch);
            }
        }
    }

    /** Kept samples {@code [walker][step][parameter]} and the acceptance rate over the kept steps. */
    public record Chains(double[][][] samples, double acceptance) {
        /** The chains of parameter {@code j}: {@code [walker][step]}. */
        public double[][] parameter(int j) {
            double[][] c = new double[samples.length][samples[0].length];
            for (int w = 0; w < c.length; w++) {
                for (int s = 0; s < c[w].length; s++) {
                    c[w][s] = samples[w][s][j];
                }
            }
            return c;
        }

        /** All kept samples as rows {@code [walker * steps + step][parameter]}. */
        public double[][] pooled() {
            int steps = samples[0].length;
            double[][] rows = new double[samples.length * steps][];
            for (int w = 0; w < samples.length; w++) {
                for (int s = 0; s < steps; s++) {
                    rows[w * steps + s] = samples[w][s].clone();
                }
            }
            return rows;
        }
    }

    /**
     * Runs the sampler from the given start points (one per walker, each with finite log posterior, not all on
     * one hyperplane).
     */
    public static Chains run(Settings settings, double[][] start, LogPosterior posterior, Progress progress) {
        int nw = settings.walkers();
        if (start.length != nw) {
            throw new CalibrationException("mcmc: expected " + nw + " start points, found " + start.length);
        }
        int d = start[0].length;
        int half = nw / 2;
        double a = settings.stretch();
        double[][] x = new double[nw][];
        for (int k = 0; k < nw; k++) {
            x[k] = start[k].clone();
        }
        double[] logp = new double[nw];
        posterior.evaluate(x, nw, logp);
        for (int k = 0; k < nw; k++) {
            if (!(logp[k] > Double.NEGATIVE_INFINITY) || Double.isNaN(logp[k])) {
                throw new CalibrationException("mcmc: start point of walker " + k + " has zero posterior density");
            }
        }
        int total = settings.burnIn() + settings.steps();
        double[][][] kept = new double[nw][settings.steps()][];
        double[][] proposals = new double[half][d];
        double[] z = new double[half];
        double[] proposalLogp = new double[half];
        long accepted = 0;
        for (int s = 0; s < total; s++) {
            for (int h = 0; h < 2; h++) {
                int cell = 2 * s + h;
                int offset = h * half;
                int other = (1 - h) * half;
                for (int i = 0; i < half; i++) {
                    int k = offset + i;
                    float u = MemberDraws.uniform(settings.seed(), ReservedStreams.CALIBRATION, cell, k, 0);
                    double zz = (a - 1) * u + 1;
                    z[i] = zz * zz / a;
                    int partner = other + Math.min(half - 1,
                            (int) (MemberDraws.uniform(settings.seed(), ReservedStreams.CALIBRATION, cell, k, 1) * half));
                    for (int j = 0; j < d; j++) {
                        proposals[i][j] = x[partner][j] + z[i] * (x[k][j] - x[partner][j]);
                    }
                }
                posterior.evaluate(proposals, half, proposalLogp);
                for (int i = 0; i < half; i++) {
                    int k = offset + i;
                    double logAccept = (d - 1) * Math.log(z[i]) + proposalLogp[i] - logp[k];
                    double u = MemberDraws.uniform(settings.seed(), ReservedStreams.CALIBRATION, cell, k, 2);
                    if (proposalLogp[i] > Double.NEGATIVE_INFINITY && Math.log(u) < logAccept) {
                        x[k] = proposals[i].clone();
                        logp[k] = proposalLogp[i];
                        if (s >= settings.burnIn()) {
                            accepted++;
                        }
                    }
                }
            }
            if (s >= settings.burnIn()) {
                for (int k = 0; k < nw; k++) {
                    kept[k][s - settings.burnIn()] = x[k];
                }
            }
            progress.update("mcmc", s + 1, total);
        }
        return new Chains(kept, (double) accepted / ((long) nw * settings.steps()));
    }
}
