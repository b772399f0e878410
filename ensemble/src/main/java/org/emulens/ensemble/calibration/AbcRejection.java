package org.emulens.ensemble.calibration;

import java.util.Arrays;
import org.emulens.ensemble.design.SobolSequence;

/**
 * ABC rejection: draw parameter sets from the prior (scrambled Sobol'), measure each one's distance to the
 * observations as the Mahalanobis norm {@code sqrt(rᵀ C⁻¹ r)} under {@link ObservationErrors}, and keep the
 * closest {@code acceptFraction} of them; the tolerance ε is the largest kept distance. Only the distances and
 * parameter sets are kept, never the model outputs.
 */
public final class AbcRejection {
    private AbcRejection() {
    }

    /** The accepted parameter sets (in sampling order), their distances and the tolerance. */
    public record Result(double[][] accepted, double[] distances, double epsilon, long drawn) {
    }

    public static Result run(Prior prior, ModelAtObservations model, ObservationErrors errors, int samples,
            double acceptFraction, long seed, int batch, Progress progress) {
        if (!(acceptFraction > 0 && acceptFraction <= 1)) {
            throw new CalibrationException("abc: accept fraction must be in (0, 1], found " + acceptFraction);
        }
        int d = prior.dimensions();
        int n = errors.observations().size();
        SobolSequence sobol = SobolSequence.scrambled(d, seed);
        double[][] all = new double[samples][];
        double[] dist = new double[samples];
        int count = 0;
        double[][] sets = new double[batch][];
        double[] f = new double[batch * n];
        double[] r = new double[n];
        for (long first = 0; first < samples; first += batch) {
            int m = (int) Math.min(batch, samples - first);
            double[][] u = sobol.sample(first, m);
            int c = 0;
            for (int i = 0; i < m; i++) {
                double[] x = prior.valueAt(u[i]);
                if (prior.inside(x)) {
                    sets[c++] = x;
                }
            }
            model.evaluate(sets, c, f);
            for (int p = 0; p < c; p++) {
                for (int o = 0; o < n; o++) {
                    r[o] = errors.observations().value(o) - f[p * n + o];
                }
                all[count] = sets[p];
                dist[count++] = Math.sqrt(errors.quadraticForm(r, 0));
            }
            progress.update("abc rejection", first + m, samples);
        }
        if (count == 0) {
            throw new CalibrationException("abc: no prior draw fell inside the model's valid ranges");
        }
        int keep = Math.max(1, (int) Math.round(acceptFraction * count));
        double[] sorted = Arrays.copyOf(dist, count);
        Arrays.sort(sorted);
        double eps = sorted[keep - 1];
        double[][] acc = new double[keep][];
        double[] accDist = new double[keep];
        int k = 0;
        for (int i = 0; i < count && k < keep; i++) {
            if (dist[i] <= eps) {
                acc[k] = all[i];
                accDist[k++] = dist[i];
            }
        }
        return new Result(acc, accDist, eps, count);
    }
}
