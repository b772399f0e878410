package org.emulens.ensemble.calibration;

import java.util.Arrays;
import java.util.Comparator;
import java.util.PriorityQueue;
import org.emulens.ensemble.design.SobolSequence;

/**
 * ABC rejection: draw parameter sets from the prior (scrambled Sobol'), measure each one's distance to the
 * observations as the Mahalanobis norm {@code sqrt(rᵀ C⁻¹ r)} under {@link ObservationErrors}, and keep the
 * closest {@code acceptFraction} of the draws (ties to the earlier draw); the tolerance ε is the largest kept
 * distance. Only the kept parameter sets are held (a bounded heap), never the model outputs, so 10^7 draws
 * need memory for the kept ones alone.
 */
public final class AbcRejection {
    private AbcRejection() {
    }

    /** The accepted parameter sets (in sampling order), their distances and the tolerance. */
    public record Result(double[][] accepted, double[] distances, double epsilon, long drawn) {
    }

    private record Candidate(long index, double[] x, double distance) {
    }

    public static Result run(Prior prior, ModelAtObservations model, ObservationErrors errors, int samples,
            double acceptFraction, long seed, int batch, Progress progress) {
        if (!(acceptFraction > 0 && acceptFraction <= 1)) {
            throw new CalibrationException("abc: accept fraction must be in (0, 1], found " + acceptFraction);
        }
        int d = prior.dimensions();
        int n = errors.observations().size();
        int keep = (int) Math.max(1, Math.round(acceptFraction * samples));
        // the worst kept candidate on top: larger distance, then later draw
        Comparator<Candidate> worstFirst = Comparator.comparingDouble(Candidate::distance)
                .thenComparingLong(Candidate::index).reversed();
        PriorityQueue<Candidate> heap = new PriorityQueue<>(keep + 1, worstFirst);
        SobolSequence sobol = SobolSequence.scrambled(d, seed);
        double[][] sets = new double[batch][];
        long[] index = new long[batch];
        double[] f = new double[batch * n];
        double[] r = new double[n];
        long inside = 0;
        for (long first = 0; first < samples; first += batch) {
            int m = (int) Math.min(batch, samples - first);
            double[][] u = sobol.sample(first, m);
            int c = 0;
            for (int i = 0; i < m; i++) {
                double[] x = prior.valueAt(u[i]);
                if (prior.inside(x)) {
                    index[c] = first + i;
                    sets[c++] = x;
                }
            }
            inside += c;
            model.evaluate(sets, c, f);
            for (int p = 0; p < c; p++) {
                for (int o = 0; o < n; o++) {
                    r[o] = errors.observations().value(o) - f[p * n + o];
                }
                heap.add(new Candidate(index[p], sets[p], Math.sqrt(errors.quadraticForm(r, 0))));
                if (heap.size() > keep) {
                    heap.poll();
                }
            }
            progress.update("abc rejection", first + m, samples);
        }
        if (inside == 0) {
            throw new CalibrationException("abc: no prior draw fell inside the model's valid ranges");
        }
        Candidate[] kept = heap.toArray(new Candidate[0]);
        double eps = Arrays.stream(kept).mapToDouble(Candidate::distance).max().orElseThrow();
        Arrays.sort(kept, Comparator.comparingLong(Candidate::index));
        double[][] acc = new double[kept.length][];
        double[] dist = new double[kept.length];
        for (int i = 0; i < kept.length; i++) {
            acc[i] = kept[i].x();
            dist[i] = kept[i].distance();
        }
        return new Result(acc, dist, eps, inside);
    }
}
