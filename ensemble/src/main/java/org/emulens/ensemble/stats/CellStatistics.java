package org.emulens.ensemble.stats;

/**
 * The statistics of one grid cell, as chosen by a {@link StatisticsSpec}, fed and merged together. A
 * backend keeps an array of these per chunk of cells, feeds each its members' outputs, and combines the
 * arrays of different chunks of members cell by cell.
 *
 * <p>The accessors return copies, so reading a result can never disturb the accumulation; they throw
 * {@link IllegalStateException} for a statistic that the spec does not include.
 */
public final class CellStatistics implements MergeableStatistic<CellStatistics> {
    private final StatisticsSpec spec;
    private final MergeableMoments moments;
    private final QuantileSketch quantileSketch;
    private final ExactQuantiles exactQuantiles;
    private final ExceedanceCounter exceedance;
    private final FixedBinHistogram histogram;
    private long nanCount;

    /** Empty statistics of the kinds {@code spec} chooses. */
    public CellStatistics(StatisticsSpec spec) {
        this.spec = spec;
        this.moments = spec.newMoments();
        this.quantileSketch = spec.newQuantileSketch();
        this.exactQuantiles = spec.newExactQuantiles();
        this.exceedance = spec.newExceedanceCounter();
        this.histogram = spec.newHistogram();
    }

    private CellStatistics(CellStatistics source) {
        this.spec = source.spec;
        this.moments = source.moments == null ? null : source.moments.copy();
        this.quantileSketch = source.quantileSketch == null ? null : source.quantileSketch.copy();
        this.exactQuantiles = source.exactQuantiles == null ? null : source.exactQuantiles.copy();
        this.exceedance = source.exceedance == null ? null : source.exceedance.copy();
        this.histogram = source.histogram == null ? null : source.histogram.copy();
        this.nanCount = source.nanCount;
    }

    @Override
    public void accept(double value) {
        if (Double.isNaN(value)) {
            nanCount++;
        }
        if (moments != null) {
            moments.accept(value);
        }
        if (quantileSketch != null) {
            quantileSketch.accept(value);
        }
        if (exactQuantiles != null) {
            exactQuantiles.accept(value);
        }
        if (exceedance != null) {
            exceedance.accept(value);
        }
        if (histogram != null) {
            histogram.accept(value);
        }
    }

    @Override
    public CellStatistics combine(CellStatistics other) {
        if (!spec.equals(other.spec)) {
            throw new IllegalArgumentException(
                    "CellStatistics spec differs: expected " + spec + ", found " + other.spec);
        }
        CellStatistics source = other == this ? other.copy() : other;
        if (moments != null) {
            moments.combine(source.moments);
        }
        if (quantileSketch != null) {
            quantileSketch.combine(source.quantileSketch);
        }
        if (exactQuantiles != null) {
            exactQuantiles.combine(source.exactQuantiles);
        }
        if (exceedance != null) {
            exceedance.combine(source.exceedance);
        }
        if (histogram != null) {
            histogram.combine(source.histogram);
        }
        nanCount += source.nanCount;
        return this;
    }

    @Override
    public CellStatistics copy() {
        return new CellStatistics(this);
    }

    @Override
    public long nanCount() {
        return nanCount;
    }

    public StatisticsSpec spec() {
        return spec;
    }

    public MergeableMoments moments() {
        return present(moments, "moments").copy();
    }

    public QuantileSketch quantileSketch() {
        return present(quantileSketch, "quantileSketch").copy();
    }

    public ExactQuantiles exactQuantiles() {
        return present(exactQuantiles, "exactQuantiles").copy();
    }

    public ExceedanceCounter exceedance() {
        return present(exceedance, "exceedance").copy();
    }

    public FixedBinHistogram histogram() {
        return present(histogram, "histogram").copy();
    }

    private <T> T present(T part, String name) {
        if (part == null) {
            throw new IllegalStateException(name + ": not chosen in " + spec);
        }
        return part;
    }
}
