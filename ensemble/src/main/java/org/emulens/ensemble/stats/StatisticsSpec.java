package org.emulens.ensemble.stats;

import java.util.Arrays;
import java.util.Objects;

/**
 * Which statistics a {@link CellStatistics} keeps, and their settings. Immutable, and compared by value, so
 * that two bundles can be checked for compatibility before they are combined.
 */
public final class StatisticsSpec implements java.io.Serializable {
    private final boolean moments;
    private final double quantileAccuracy;
    private final int exactQuantileCapacity;
    private final double[] thresholds;
    private final double histogramLo;
    private final double histogramHi;
    private final int histogramBins;

    private StatisticsSpec(Builder builder) {
        this.moments = builder.moments;
        this.quantileAccuracy = builder.quantileAccuracy;
        this.exactQuantileCapacity = builder.exactQuantileCapacity;
        this.thresholds = builder.thresholds;
        this.histogramLo = builder.histogramLo;
        this.histogramHi = builder.histogramHi;
        this.histogramBins = builder.histogramBins;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean hasMoments() {
        return moments;
    }

    public boolean hasQuantileSketch() {
        return quantileAccuracy > 0;
    }

    public boolean hasExactQuantiles() {
        return exactQuantileCapacity > 0;
    }

    public boolean hasExceedance() {
        return thresholds != null;
    }

    public boolean hasHistogram() {
        return histogramBins > 0;
    }

    /** The relative accuracy alpha of the quantile sketch; 0 when there is none. */
    public double quantileAccuracy() {
        return quantileAccuracy;
    }

    /** The capacity of the exact quantiles; 0 when there are none. */
    public int exactQuantileCapacity() {
        return exactQuantileCapacity;
    }

    /** The exceedance thresholds (a copy); empty when there is no exceedance counter. */
    public double[] thresholds() {
        return thresholds == null ? new double[0] : thresholds.clone();
    }

    MergeableMoments newMoments() {
        return moments ? new MergeableMoments() : null;
    }

    QuantileSketch newQuantileSketch() {
        return hasQuantileSketch() ? new QuantileSketch(quantileAccuracy) : null;
    }

    ExactQuantiles newExactQuantiles() {
        return hasExactQuantiles() ? new ExactQuantiles(exactQuantileCapacity) : null;
    }

    ExceedanceCounter newExceedanceCounter() {
        return hasExceedance() ? new ExceedanceCounter(thresholds) : null;
    }

    FixedBinHistogram newHistogram() {
        return hasHistogram() ? new FixedBinHistogram(histogramLo, histogramHi, histogramBins) : null;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof StatisticsSpec)) {
            return false;
        }
        StatisticsSpec other = (StatisticsSpec) o;
        return moments == other.moments
                && Double.compare(quantileAccuracy, other.quantileAccuracy) == 0
                && exactQuantileCapacity == other.exactQuantileCapacity
                && Arrays.equals(thresholds, other.thresholds)
                && Double.compare(histogramLo, other.histogramLo) == 0
                && Double.compare(histogramHi, other.histogramHi) == 0
                && histogramBins == other.histogramBins;
    }

    @Override
    public int hashCode() {
        return Objects.hash(moments, quantileAccuracy, exactQuantileCapacity, Arrays.hashCode(thresholds),
                histogramLo, histogramHi, histogramBins);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("StatisticsSpec[");
        if (moments) {
            text.append("moments, ");
        }
        if (hasQuantileSketch()) {
            text.append("quantileSketch(alpha=").append(quantileAccuracy).append("), ");
        }
        if (hasExactQuantiles()) {
            text.append("exactQuantiles(maxValues=").append(exactQuantileCapacity).append("), ");
        }
        if (hasExceedance()) {
            text.append("exceedance").append(Arrays.toString(thresholds)).append(", ");
        }
        if (hasHistogram()) {
            text.append("histogram(lo=").append(histogramLo).append(", hi=").append(histogramHi)
                    .append(", bins=").append(histogramBins).append("), ");
        }
        text.setLength(text.length() - 2);
        return text.append(']').toString();
    }

    /** Collects the choice of statistics; {@link #build()} validates it. */
    public static final class Builder {
        private boolean moments;
        private double quantileAccuracy;
        private int exactQuantileCapacity;
        private double[] thresholds;
        private double histogramLo;
        private double histogramHi;
        private int histogramBins;

        private Builder() {
        }

        /** Keep {@link MergeableMoments}. */
        public Builder moments() {
            this.moments = true;
            return this;
        }

        /** Keep a {@link QuantileSketch} with relative accuracy {@code alpha}. */
        public Builder quantileSketch(double alpha) {
            if (!(alpha > 0)) {
                throw new IllegalArgumentException("quantileSketch alpha: expected a positive value, found " + alpha);
            }
            this.quantileAccuracy = alpha;
            return this;
        }

        /** Keep an {@link ExactQuantiles} holding at most {@code maxValues} values. */
        public Builder exactQuantiles(int maxValues) {
            if (maxValues < 1) {
                throw new IllegalArgumentException(
                        "exactQuantiles maxValues: expected a positive count, found " + maxValues);
            }
            this.exactQuantileCapacity = maxValues;
            return this;
        }

        /** Keep an {@link ExceedanceCounter} over {@code thresholds}. */
        public Builder exceedance(double... thresholds) {
            this.thresholds = thresholds.clone();
            return this;
        }

        /** Keep a {@link FixedBinHistogram} of {@code bins} bins over {@code [lo, hi)}. */
        public Builder histogram(double lo, double hi, int bins) {
            if (bins < 1) {
                throw new IllegalArgumentException("histogram bins: expected a positive count, found " + bins);
            }
            this.histogramLo = lo;
            this.histogramHi = hi;
            this.histogramBins = bins;
            return this;
        }

        /**
         * @throws IllegalArgumentException if no statistic was chosen, or a setting is invalid (the message
         *         names it)
         */
        public StatisticsSpec build() {
            StatisticsSpec spec = new StatisticsSpec(this);
            if (!spec.moments && !spec.hasQuantileSketch() && !spec.hasExactQuantiles() && !spec.hasExceedance()
                    && !spec.hasHistogram()) {
                throw new IllegalArgumentException("StatisticsSpec: expected at least one statistic, found none");
            }
            // Each statistic's constructor checks its own settings; build one of each to fail here, early.
            new CellStatistics(spec);
            return spec;
        }
    }
}
