package org.emulens.ensemble.propagation;

import java.util.function.LongConsumer;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.ensemble.rng.MemberDraws;
import org.emulens.ensemble.rng.ReservedStreams;
import org.emulens.ensemble.stats.StatisticsSpec;

/**
 * Runs a cell's ensemble through an emulator that has a predictive distribution (a Gaussian process), so
 * that the emulator's own uncertainty is propagated alongside the input uncertainty: member {@code i}'s
 * output {@code j} is
 * <pre>
 *   y = mean_j(x_i) + sqrt(variance_j(x_i)) * z,   z = MemberDraws.normal(seed, EMULATOR_UNCERTAINTY, cell, i, j)
 * </pre>
 * with {@code x_i} the member's perturbed inputs. Each output's {@link VarianceBudget} reports the total
 * variance and its two parts. Members are folded in member order (one thread; Gaussian-process studies are
 * small) and are pure functions of (cell, member), so results do not depend on the chunk size.
 */
public final class PredictiveDrawPropagator {
    private final CompiledEmulator model;
    private final StatisticsSpec spec;
    private final long seed;
    private final int chunk;

    /**
     * @param seed the study seed, keying the emulator draws (stream
     *     {@link ReservedStreams#EMULATOR_UNCERTAINTY}, independent of the input perturbation's)
     * @throws IllegalArgumentException if the model has no predictive variance on its backend
     */
    public PredictiveDrawPropagator(CompiledEmulator model, StatisticsSpec spec, long seed, int chunk) {
        if (!model.hasPredictiveVariance()) {
            throw new IllegalArgumentException("emulator '" + model.emulator().name() + "' ("
                    + model.emulator().family().description() + ") has no predictive variance on this backend; "
                    + "emulator uncertainty can be propagated for Gaussian-process emulators on the cpu backend");
        }
        if (chunk <= 0) {
            throw new IllegalArgumentException("chunk must be positive, found " + chunk);
        }
        this.model = model;
        this.spec = spec;
        this.seed = seed;
        this.chunk = chunk;
    }

    /**
     * The variance budget of each model output over members {@code [firstMember, firstMember + members)} of
     * {@code cell}; budgets of disjoint ranges combine into that of their union.
     *
     * @param progress told the number of members done after each chunk (may be null)
     */
    public VarianceBudget[] runMembers(int cell, long firstMember, long members, MemberInputs inputs,
            LongConsumer progress) {
        return runMembers(cell, cell, firstMember, members, inputs, progress);
    }

    /**
     * As {@link #runMembers(int, long, long, MemberInputs, LongConsumer)}, for callers whose {@code inputs}
     * number cells differently from the random streams: {@code cell} goes to {@code inputs},
     * {@code streamCell} keys the emulator draws.
     */
    public VarianceBudget[] runMembers(int cell, int streamCell, long firstMember, long members, MemberInputs inputs,
            LongConsumer progress) {
        if (members < 0 || firstMember < 0) {
            throw new IllegalArgumentException("member range must be non-negative, found first " + firstMember
                    + ", count " + members);
        }
        int d = model.emulator().inputCount();
        int k = model.emulator().outputCount();
        VarianceBudget[] budgets = new VarianceBudget[k];
        for (int j = 0; j < k; j++) {
            budgets[j] = new VarianceBudget(spec);
        }
        int size = (int) Math.min(chunk, Math.max(members, 1));
        float[] x = new float[size * d];
        double[] mean = new double[size * k];
        double[] variance = new double[size * k];
        for (long done = 0; done < members; ) {
            int rows = (int) Math.min(size, members - done);
            long first = firstMember + done;
            inputs.fill(cell, first, rows, x, 0);
            model.evaluateWithVariance(x, mean, variance, rows);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < k; j++) {
                    double m = mean[r * k + j];
                    double v = variance[r * k + j];
                    double z = MemberDraws.normal(seed, ReservedStreams.EMULATOR_UNCERTAINTY, streamCell, first + r,
                            j);
                    budgets[j].accept(m, v, m + Math.sqrt(v) * z);
                }
            }
            done += rows;
            if (progress != null) {
                progress.accept(done);
            }
        }
        return budgets;
    }
}
