package org.emulens.kernels.internal;

import org.emulens.ensemble.stats.CellStatistics;
import org.emulens.ensemble.stats.FixedBinHistogram;
import org.emulens.ensemble.stats.StatisticsSpec;
import org.emulens.kernels.DeviceCellStatistics;

/**
 * What the fused kernel computes for a {@link StatisticsSpec} and how its partials are laid out: per
 * (partial, output) {@value KernelSource#PARTIAL_FLOATS} floats (mean, M2, min, max) and
 * {@link #countersPerOutput()} uints (count, NaN count, histogram slots, exceedance counts), as the
 * {@code EMU_PARTIAL_*} constants of emulens_fused.c.
 */
public final class StatisticsLayout {
    private final int outputs;
    private final int bins;
    private final double lo;
    private final double hi;
    private final double[] thresholds;
    private final float[] histogramEdges;
    private final float[] exceedanceEdges;

    public StatisticsLayout(StatisticsSpec spec, int outputs) {
        if (outputs > KernelSource.MAX_STAT_OUTPUTS) {
            throw new IllegalArgumentException("fused statistics: expected a model with at most "
                    + KernelSource.MAX_STAT_OUTPUTS + " outputs (each work-item keeps their moments in registers), "
                    + "found " + outputs);
        }
        this.outputs = outputs;
        if (spec.hasHistogram()) {
            // The spec keeps its binning private; a histogram it configures tells it.
            FixedBinHistogram h = new CellStatistics(spec).histogram();
            this.bins = h.bins();
            this.lo = h.lo();
            this.hi = h.hi();
            this.histogramEdges = FloatEdges.histogram(lo, hi, bins);
        } else {
            this.bins = 0;
            this.lo = 0;
            this.hi = 0;
            this.histogramEdges = new float[0];
        }
        this.thresholds = spec.hasExceedance() ? spec.thresholds() : null;
        this.exceedanceEdges = thresholds == null ? new float[0] : FloatEdges.exceedance(thresholds);
    }

    public int outputs() {
        return outputs;
    }

    public int histogramBins() {
        return bins;
    }

    public int thresholdCount() {
        return thresholds == null ? 0 : thresholds.length;
    }

    /** The {@code bins + 1} float edges the kernel compares with (empty without a histogram). */
    public float[] histogramEdges() {
        return histogramEdges.clone();
    }

    public float[] exceedanceEdges() {
        return exceedanceEdges.clone();
    }

    /** Histogram slots and exceedance counters per output, the part kept in work-group local memory. */
    public int localCountersPerOutput() {
        return (bins > 0 ? bins + 2 : 0) + thresholdCount();
    }

    /** Uints per (partial, output) in the counts buffer. */
    public int countersPerOutput() {
        return KernelSource.PARTIAL_FIXED_COUNTERS + localCountersPerOutput();
    }

    /** Bytes of work-group scratch the fused kernel needs, before any staged weights. */
    public long scratchBytes(int workGroupSize) {
        return 4L * (6L * workGroupSize + (long) outputs * localCountersPerOutput());
    }

    /** An empty result for one output of one cell. */
    public DeviceCellStatistics emptyResult() {
        return new DeviceCellStatistics(lo, hi, bins, thresholds);
    }

    /** Empty results {@code [cells][outputs]}. */
    public DeviceCellStatistics[][] emptyResults(int cells) {
        DeviceCellStatistics[][] r = new DeviceCellStatistics[cells][outputs];
        for (int c = 0; c < cells; c++) {
            for (int j = 0; j < outputs; j++) {
                r[c][j] = emptyResult();
            }
        }
        return r;
    }

    /**
     * Folds the partials of one launch into {@code results}: for each cell, its partials in ascending member
     * order, so that every run folds the same partials in the same order.
     */
    public void fold(FusedSchedule.Launch launch, float[] floats, int[] counts, DeviceCellStatistics[][] results) {
        int perOutput = countersPerOutput();
        for (int slot = 0; slot < launch.cells(); slot++) {
            DeviceCellStatistics[] cell = results[launch.cellBase() + slot];
            for (int g = 0; g < launch.groupsPerCell(); g++) {
                int partial = slot * launch.groupsPerCell() + g;
                for (int j = 0; j < outputs; j++) {
                    int f = (partial * outputs + j) * KernelSource.PARTIAL_FLOATS;
                    int c = (partial * outputs + j) * perOutput;
                    cell[j].addPartial(Integer.toUnsignedLong(counts[c]), Integer.toUnsignedLong(counts[c + 1]),
                            floats[f], floats[f + 1], floats[f + 2], floats[f + 3], counts,
                            c + KernelSource.PARTIAL_FIXED_COUNTERS);
                }
            }
        }
    }
}
