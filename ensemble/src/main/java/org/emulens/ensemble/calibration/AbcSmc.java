package org.emulens.ensemble.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.emulens.ensemble.design.SobolSequence;
import org.emulens.ensemble.rng.MemberDraws;
import org.emulens.ensemble.rng.ReservedStreams;

/**
 * ABC-SMC (population Monte Carlo ABC, Beaumont et al. 2009): generation 0 is a prior sample; each later
 * generation sets its tolerance to the {@code quantile} of the previous generation's distances, proposes by
 * picking a previous particle by weight and moving it with a Gaussian kernel of twice the particles' weighted
 * covariance, keeps proposals within the tolerance (in candidate order, so the result does not depend on the
 * batch size), and weights them by prior / Σ w_j K(θ | θ_j). Distances are the Mahalanobis norms of
 * {@link AbcRejection}. Candidate c of generation t draws its pick (word 0) and kernel normals (normals 4 and
 * up) from stream {@link ReservedStreams#CALIBRATION}, cell {@code GENERATION_CELL + t}, member c.
 */
public final class AbcSmc {
    /** Cells above the MCMC sampler's (2 · step + half), so the two never share counters under one seed. */
    static final int GENERATION_CELL = 0x4000_0000;

    private AbcSmc() {
    }

    public record Settings(int particles, int generations, double quantile, long maxAttempts, long seed) {
        public Settings {
            if (particles < 2 || generations < 1 || !(quantile > 0 && quantile < 1) || maxAttempts < particles) {
                throw new CalibrationException("abc-smc: need particles >= 2, generations >= 1, 0 < quantile < 1 and "
                        + "max_attempts >= particles; found " + particles + ", " + generations + ", " + quantile
                        + ", " + maxAttempts);
            }
        }
    }

    /** One generation: its tolerance, how many candidates it tried and the share accepted. */
    public record Generation(int index, double epsilon, long attempts, double acceptance) {
    }

    /** The last generation's particles, normalised weights and distances, and every generation's summary. */
    public record Result(double[][] particles, double[] weights, double[] distances, List<Generation> generations,
            boolean stoppedEarly) {
    }

    public static Result run(Prior prior, ModelAtObservations model, ObservationErrors errors, Settings s, int batch,
            Progress progress) {
        int d = prior.dimensions();
        int n = errors.observations().size();
        int np = s.particles();
        double[][] sets = new double[batch][];
        double[] f = new double[batch * n];
        double[] r = new double[n];
        List<Generation> gens = new ArrayList<>();

        // generation 0: prior draws inside the box, all accepted
        double[][] particles = new double[np][];
        double[] dist = new double[np];
        SobolSequence sobol = SobolSequence.scrambled(d, s.seed());
        int count = 0;
        long attempts = 0;
        while (count < np) {
            if (attempts >= s.maxAttempts()) {
                throw new CalibrationException("abc-smc: only " + count + " of " + attempts
                        + " prior draws fell inside the model's valid ranges");
            }
            int m = 0;
            long[] drawIndex = new long[batch];
            double[][] u = sobol.sample(attempts, batch);
            for (int k = 0; k < batch; k++) {
                double[] x = prior.valueAt(u[k]);
                if (prior.inside(x)) {
                    drawIndex[m] = attempts + k;
                    sets[m++] = x;
                }
            }
            long next = attempts + batch;
            model.evaluate(sets, m, f);
            for (int p = 0; p < m && count < np; p++) {
                particles[count] = sets[p];
                dist[count++] = distance(errors, f, p, r);
                if (count == np) {
                    next = drawIndex[p] + 1;
                }
            }
            attempts = next;
        }
        double[] weights = new double[np];
        Arrays.fill(weights, 1.0 / np);
        gens.add(new Generation(0, Double.POSITIVE_INFINITY, attempts, (double) np / attempts));
        progress.update("abc-smc", 1, s.generations() + 1);

        boolean stopped = false;
        for (int t = 1; t <= s.generations(); t++) {
            double eps = quantile(dist, s.quantile());
            double[][] chol = kernelCholesky(particles, weights, d);
            double[][] precision = DenseCholesky.inverse(chol);
            double[] cumulative = new double[np];
            double acc = 0;
            for (int i = 0; i < np; i++) {
                acc += weights[i];
                cumulative[i] = acc;
            }
            double[][] next = new double[np][];
            double[] nextDist = new double[np];
            double[] nextWeights = new double[np];
            int cell = GENERATION_CELL + t;
            count = 0;
            long c = 0;
            while (count < np && c < s.maxAttempts()) {
                long first = c;
                int m = (int) Math.min(batch, s.maxAttempts() - c);
                c += m;
                for (int k = 0; k < m; k++) {
                    long cand = first + k;
                    float u = MemberDraws.uniform(s.seed(), ReservedStreams.CALIBRATION, cell, cand, 0);
                    int pick = Arrays.binarySearch(cumulative, u * acc);
                    pick = Math.min(np - 1, pick < 0 ? -pick - 1 : pick);
                    double[] z = new double[d];
                    for (int i = 0; i < d; i++) {
                        z[i] = MemberDraws.normal(s.seed(), ReservedStreams.CALIBRATION, cell, cand, 4 + i);
                    }
                    // x = θ_pick + L z: a draw from the Gaussian kernel around the picked particle
                    double[] x = new double[d];
                    for (int i = 0; i < d; i++) {
                        double v = particles[pick][i];
                        for (int j = 0; j <= i; j++) {
                            v += chol[i][j] * z[j];
                        }
                        x[i] = v;
                    }
                    sets[k] = x;
                }
                int inside = 0;
                int[] index = new int[m];
                double[][] in = new double[m][];
                for (int k = 0; k < m; k++) {
                    if (prior.logDensity(sets[k]) > Double.NEGATIVE_INFINITY) {
                        index[inside] = k;
                        in[inside++] = sets[k];
                    }
                }
                model.evaluate(in, inside, f);
                for (int p = 0; p < inside && count < np; p++) {
                    double dd = distance(errors, f, p, r);
                    if (dd <= eps) {
                        double[] x = in[p];
                        next[count] = x;
                        nextDist[count] = dd;
                        nextWeights[count] = Math.exp(prior.logDensity(x)) / kernelMixture(x, particles, weights, precision);
                        count++;
                        if (count == np) {
                            // candidates after the np-th acceptance are not counted, whatever the batch size
                            c = first + index[p] + 1;
                        }
                    }
                }
            }
            gens.add(new Generation(t, eps, c, (double) count / c));
            if (count < np) {
                stopped = true;
                break;
            }
            double sum = Arrays.stream(nextWeights).sum();
            for (int i = 0; i < np; i++) {
                nextWeights[i] /= sum;
            }
            particles = next;
            dist = nextDist;
            weights = nextWeights;
            progress.update("abc-smc", t + 1, s.generations() + 1);
        }
        return new Result(particles, weights, dist, List.copyOf(gens), stopped);
    }

    private static double distance(ObservationErrors errors, double[] f, int p, double[] r) {
        int n = r.length;
        for (int o = 0; o < n; o++) {
            r[o] = errors.observations().value(o) - f[p * n + o];
        }
        return Math.sqrt(errors.quadraticForm(r, 0));
    }

    /** Cholesky factor of twice the weighted covariance of the particles (Beaumont et al.'s kernel). */
    private static double[][] kernelCholesky(double[][] x, double[] w, int d) {
        double[] mean = new double[d];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += w[i] * x[i][j];
            }
        }
        double[][] cov = new double[d][d];
        for (int i = 0; i < x.length; i++) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    cov[a][b] += 2 * w[i] * (x[i][a] - mean[a]) * (x[i][b] - mean[b]);
                }
            }
        }
        return DenseCholesky.factor(cov, "abc-smc kernel covariance (the particles have collapsed)");
    }

    /** Σ_j w_j K(x | θ_j), K the Gaussian kernel up to its constant (which cancels in the normalised weights). */
    private static double kernelMixture(double[] x, double[][] particles, double[] w, double[][] precision) {
        int d = x.length;
        double s = 0;
        double[] dx = new double[d];
        for (int i = 0; i < particles.length; i++) {
            for (int j = 0; j < d; j++) {
                dx[j] = x[j] - particles[i][j];
            }
            double q = 0;
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    q += dx[a] * precision[a][b] * dx[b];
                }
            }
            s += w[i] * Math.exp(-0.5 * q);
        }
        return s;
    }

    /** The lower empirical q-quantile of the distances. */
    static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
