package org.emulens.ensemble.propagation;

import org.emulens.ensemble.stats.CellStatistics;
import org.emulens.ensemble.stats.MergeableMoments;
import org.emulens.ensemble.stats.StatisticsSpec;

/**
 * One output's variance over a cell's members, split by the law of total variance,
 * {@code Var(Y) = Var(E[Y | X]) + E[Var(Y | X)]}, for an emulator with a predictive distribution:
 * <ul>
 * <li>{@link #total()}: statistics of the members' outputs, each the emulator's mean at the member's
 *     perturbed inputs plus a draw from its predictive distribution;
 * <li>{@link #inputVariance()}: the variance of the predictive means, the part driven by input uncertainty;
 * <li>{@link #emulatorVariance()}: the mean of the predictive variances, the emulator's own uncertainty.
 * </ul>
 * Mergeable like every per-cell statistic: disjoint member ranges combine into their union.
 */
public final class VarianceBudget {
    private final CellStatistics total;
    private final MergeableMoments means;
    private final MergeableMoments variances;

    public VarianceBudget(StatisticsSpec spec) {
        this(new CellStatistics(spec), new MergeableMoments(), new MergeableMoments());
    }

    private VarianceBudget(CellStatistics total, MergeableMoments means, MergeableMoments variances) {
        this.total = total;
        this.means = means;
        this.variances = variances;
    }

    /** One member: its predictive mean and variance, and its output with the emulator draw included. */
    public void accept(double mean, double variance, double output) {
        total.accept(output);
        means.accept(mean);
        variances.accept(variance);
    }

    /** Adds {@code other}'s members to this budget; returns this. */
    public VarianceBudget combine(VarianceBudget other) {
        total.combine(other.total);
        means.combine(other.means);
        variances.combine(other.variances);
        return this;
    }

    public VarianceBudget copy() {
        return new VarianceBudget(total.copy(), means.copy(), variances.copy());
    }

    /** The members' outputs, emulator draws included. */
    public CellStatistics total() {
        return total;
    }

    /** Moments of the predictive means over the members. */
    public MergeableMoments predictiveMeans() {
        return means;
    }

    /** Moments of the predictive variances over the members. */
    public MergeableMoments predictiveVariances() {
        return variances;
    }

    public double totalVariance() {
        return total.moments().populationVariance();
    }

    /** {@code Var(E[Y | X])}, estimated by the population variance of the members' predictive means. */
    public double inputVariance() {
        return means.populationVariance();
    }

    /** {@code E[Var(Y | X)]}, estimated by the mean of the members' predictive variances. */
    public double emulatorVariance() {
        return variances.mean();
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "VarianceBudget(total %.6g = input %.6g + emulator %.6g, n=%d)",
                totalVariance(), inputVariance(), emulatorVariance(), means.count());
    }
}
