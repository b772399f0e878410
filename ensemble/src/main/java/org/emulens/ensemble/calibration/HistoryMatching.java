package org.emulens.ensemble.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.emulens.ensemble.design.SobolSequence;

/**
 * History matching: the implausibility of a parameter set at observation i is
 * {@code I_i = |z_i − f_i(θ)| / sqrt(V_obs + V_emulator + V_discrepancy)}, summarised over observations by the
 * largest (rank 1) or second largest (rank 2, robust to one odd observation) value; θ is not ruled out yet
 * (NROY) while the summary is at most the cutoff.
 *
 * <p>Wave 1 draws a scrambled Sobol' sample from the prior. Each later wave samples uniformly from the bounding
 * box of the previous wave's NROY points (widened by a tenth of its width on each side, clipped to the prior's
 * box), keeps points that pass every wave's cutoff so far, and estimates the NROY fraction of the prior by
 * importance weighting {@code vol(box) · mean(p(θ) · 1[θ ∈ NROY])}. Waves tighten the cutoff and spend their
 * samples where the prior is not yet ruled out. The estimate assumes NROY lies inside the widened box.
 */
public final class HistoryMatching {
    private HistoryMatching() {
    }

    /** One wave: the cutoff, the summary rank (1 = max, 2 = second max) and how many points to evaluate. */
    public record Wave(double cutoff, int rank, int samples) {
        public Wave {
            if (!(cutoff > 0)) {
                throw new CalibrationException("history matching: cutoff must be > 0, found " + cutoff);
            }
            if (rank < 1 || rank > 2) {
                throw new CalibrationException("history matching: rank must be 1 (max) or 2 (second max), found " + rank);
            }
            if (samples < 1) {
                throw new CalibrationException("history matching: samples must be >= 1, found " + samples);
            }
        }
    }

    /** What one wave found. */
    public record WaveResult(int wave, double cutoff, int rank, long evaluated, long nroy, double nroyFraction) {
    }

    /** All waves, and the NROY points of the last wave (at most {@code maxKept}, in sampling order). */
    public record Result(List<WaveResult> waves, double[][] nroyPoints) {
        public WaveResult last() {
            return waves.get(waves.size() - 1);
        }
    }

    /** The implausibility summary of rank {@code rank} for model values {@code f[offset .. offset + n)}. */
    public static double implausibility(ObservationErrors errors, double[] f, int offset, int rank) {
        Observations obs = errors.observations();
        double first = 0;
        double second = 0;
        for (int i = 0; i < obs.size(); i++) {
            double v = Math.abs(obs.value(i) - f[offset + i]) / Math.sqrt(errors.implausibilityVariance(i));
            if (!(v <= first)) {
                second = first;
                first = v;
            } else if (v > second) {
                second = v;
            }
        }
        return rank == 1 || obs.size() == 1 ? first : second;
    }

    /** Whether θ with model values {@code f} passes every wave up to and including {@code upTo}. */
    static boolean passes(ObservationErrors errors, double[] f, int offset, List<Wave> waves, int upTo) {
        for (int w = 0; w <= upTo; w++) {
            Wave wave = waves.get(w);
            if (!(implausibility(errors, f, offset, wave.rank()) <= wave.cutoff())) {
                return false;
            }
        }
        return true;
    }

    public static Result run(Prior prior, ModelAtObservations model, ObservationErrors errors, List<Wave> waves,
            long seed, int batch, int maxKept, Progress progress) {
        if (waves.isEmpty()) {
            throw new CalibrationException("history matching: no waves given");
        }
        int d = prior.dimensions();
        int n = errors.observations().size();
        List<WaveResult> results = new ArrayList<>();
        double[][] kept = new double[0][];
        double[] boxLo = new double[d];
        double[] boxHi = new double[d];
        double boxMassNormaliser = 1;
        long total = 0;
        for (Wave w : waves) {
            total += w.samples();
        }
        long done = 0;
        for (int wi = 0; wi < waves.size(); wi++) {
            Wave wave = waves.get(wi);
            SobolSequence sobol = SobolSequence.scrambled(d, seed + wi);
            boolean fromPrior = wi == 0;
            double boxVolume = 1;
            if (!fromPrior) {
                for (int j = 0; j < d; j++) {
                    boxVolume *= boxHi[j] - boxLo[j];
                }
            }
            List<double[]> nextKept = new ArrayList<>();
            double[] lo = new double[d];
            double[] hi = new double[d];
            Arrays.fill(lo, Double.POSITIVE_INFINITY);
            Arrays.fill(hi, Double.NEGATIVE_INFINITY);
            long inside = 0;
            long nroy = 0;
            double weightSum = 0;
            double[][] sets = new double[batch][];
            double[] f = new double[batch * n];
            for (long first = 0; first < wave.samples(); first += batch) {
                int m = (int) Math.min(batch, wave.samples() - first);
                double[][] u = sobol.sample(first, m);
                int count = 0;
                for (int r = 0; r < m; r++) {
                    double[] x;
                    if (fromPrior) {
                        x = prior.valueAt(u[r]);
                    } else {
                        x = new double[d];
                        for (int j = 0; j < d; j++) {
                            x[j] = boxLo[j] + u[r][j] * (boxHi[j] - boxLo[j]);
                        }
                    }
                    if (prior.inside(x)) {
                        sets[count++] = x;
                    }
                }
                inside += count;
                model.evaluate(sets, count, f);
                for (int p = 0; p < count; p++) {
                    if (passes(errors, f, p * n, waves, wi)) {
                        nroy++;
                        double[] x = sets[p];
                        if (!fromPrior) {
                            weightSum += Math.exp(prior.logDensity(x)) / boxMassNormaliser;
                        }
                        for (int j = 0; j < d; j++) {
                            lo[j] = Math.min(lo[j], x[j]);
                            hi[j] = Math.max(hi[j], x[j]);
                        }
                        if (nextKept.size() < maxKept) {
                            nextKept.add(x);
                        }
                    }
                }
                done += m;
                progress.update("history matching wave " + (wi + 1), done, total);
            }
            double fraction;
            if (fromPrior) {
                fraction = inside == 0 ? 0 : (double) nroy / inside;
                // the prior density is normalised over all space; dividing by the mass inside the box
                // normalises it to the box-restricted prior that wave 1 sampled
                boxMassNormaliser = (double) inside / wave.samples();
            } else {
                fraction = boxVolume * weightSum / wave.samples();
            }
            results.add(new WaveResult(wi + 1, wave.cutoff(), wave.rank(), wave.samples(), nroy, fraction));
            kept = nextKept.toArray(new double[0][]);
            if (nroy == 0) {
                break;
            }
            for (int j = 0; j < d; j++) {
                double pad = 0.1 * (hi[j] - lo[j]);
                boxLo[j] = Math.max(prior.lower(j), lo[j] - pad);
                boxHi[j] = Math.min(prior.upper(j), hi[j] + pad);
            }
        }
        return new Result(List.copyOf(results), kept);
    }
}
