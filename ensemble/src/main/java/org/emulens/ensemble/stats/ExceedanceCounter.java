package org.emulens.ensemble.stats;

import java.util.Arrays;

/**
 * How many values lie strictly above each of a fixed set of thresholds, for exceedance probabilities such
 * as "soil moisture above field capacity". Counts rather than probabilities are kept so that merging is
 * exact integer addition.
 */
public final class ExceedanceCounter implements MergeableStatistic<ExceedanceCounter> {
    private final double[] thresholds;
    private final long[] exceedances;
    private long count;
    private long nanCount;

    /** @param thresholds any number of non-NaN thresholds, in any order; copied */
    public ExceedanceCounter(double... thresholds) {
        for (int i = 0; i < thresholds.length; i++) {
            if (Double.isNaN(thresholds[i])) {
                throw new IllegalArgumentException("thresholds[" + i + "]: expected a number, found NaN");
            }
        }
        this.thresholds = thresholds.clone();
        this.exceedances = new long[thresholds.length];
    }

    @Override
    public void accept(double value) {
        if (Double.isNaN(value)) {
            nanCount++;
            return;
        }
        count++;
        for (int i = 0; i < thresholds.length; i++) {
            if (value > thresholds[i]) {
                exceedances[i]++;
            }
        }
    }

    @Override
    public ExceedanceCounter combine(ExceedanceCounter other) {
        if (!Arrays.equals(thresholds, other.thresholds)) {
            throw new IllegalArgumentException("ExceedanceCounter thresholds differ: expected "
                    + Arrays.toString(thresholds) + ", found " + Arrays.toString(other.thresholds));
        }
        for (int i = 0; i < exceedances.length; i++) {
            exceedances[i] += other.exceedances[i];
        }
        count += other.count;
        nanCount += other.nanCount;
        return this;
    }

    @Override
    public ExceedanceCounter copy() {
        ExceedanceCounter copy = new ExceedanceCounter(thresholds);
        System.arraycopy(exceedances, 0, copy.exceedances, 0, exceedances.length);
        copy.count = count;
        copy.nanCount = nanCount;
        return copy;
    }

    /** Number of values strictly above {@code thresholds()[i]}. */
    public long exceedanceCount(int i) {
        return exceedances[i];
    }

    /** {@code exceedanceCount(i) / count()}, NaN values excluded from both; NaN if there are no values. */
    public double exceedanceProbability(int i) {
        return count == 0 ? Double.NaN : (double) exceedances[i] / count;
    }

    /** Number of non-NaN values accepted. */
    public long count() {
        return count;
    }

    @Override
    public long nanCount() {
        return nanCount;
    }

    public double[] thresholds() {
        return thresholds.clone();
    }
}
