package org.emulens.io.netcdf;

import java.util.Objects;

/**
 * One per-cell statistic to write: a float variable on (time, [axis,] lat, lon) with its CF attributes.
 * Values are time-major, then axis, then latitude south to north, then longitude west to east, NaN where
 * a cell has no value (written as {@code _FillValue}). Immutable; made with {@link #builder} or the
 * factories for the common statistics.
 */
public final class OutputField {
    private final String name;
    private final String units;
    private final String longName;
    private final String standardName;
    private final String cellMethods;
    private final String comment;
    private final OutputAxis axis;
    private final float[] values;
    private final float[] flagValues;
    private final String flagMeanings;

    private OutputField(Builder b) {
        this.flagValues = b.flagValues;
        this.flagMeanings = b.flagMeanings;
        this.name = b.name;
        this.units = b.units;
        this.longName = b.longName;
        this.standardName = b.standardName;
        this.cellMethods = b.cellMethods;
        this.comment = b.comment;
        this.axis = b.axis;
        this.values = b.values;
    }

    public static Builder builder(String name, float[] values) {
        return new Builder(name, values);
    }

    /** The ensemble mean of a quantity: {@code cell_methods = "realization: mean"}. */
    public static OutputField mean(String name, String units, String longName, float[] values) {
        return builder(name, values).units(units).longName(longName).cellMethods("realization: mean").build();
    }

    /** The ensemble standard deviation: {@code cell_methods = "realization: standard_deviation"}. */
    public static OutputField standardDeviation(String name, String units, String longName, float[] values) {
        return builder(name, values).units(units).longName(longName).cellMethods("realization: standard_deviation")
                .build();
    }

    /** Quantiles over the ensemble at the levels of {@code percentiles} ({@link OutputAxis#percentiles}). */
    public static OutputField percentiles(String name, String units, String longName, OutputAxis percentiles,
            float[] values) {
        return builder(name, values).units(units).longName(longName).axis(percentiles)
                .cellMethods("realization: percentile")
                .comment("CF-1.8 has no percentile cell method; the level is the '" + percentiles.name()
                        + "' coordinate")
                .build();
    }

    /**
     * The probability that a quantity exceeds each threshold of {@code thresholds}: the fraction of
     * ensemble members above it, the mean over the members of the indicator, hence "realization: mean".
     */
    public static OutputField exceedance(String name, String longName, OutputAxis thresholds, float[] values) {
        return builder(name, values).units("1").longName(longName).axis(thresholds).cellMethods("realization: mean")
                .comment("fraction of the ensemble members above the '" + thresholds.name() + "' coordinate")
                .build();
    }

    public String name() {
        return name;
    }

    public String units() {
        return units;
    }

    public String longName() {
        return longName;
    }

    /** The CF standard_name, or null when there is none. */
    public String standardName() {
        return standardName;
    }

    public String cellMethods() {
        return cellMethods;
    }

    /** A comment attribute, or null. */
    public String comment() {
        return comment;
    }

    /** The extra axis, or null when the field is on (time, lat, lon) only. */
    public OutputAxis axis() {
        return axis;
    }

    /** Length of the extra axis, 1 when there is none. */
    public int axisLength() {
        return axis == null ? 1 : axis.size();
    }

    /** CF {@code flag_values} of a categorical field, or null when the field is not categorical. */
    public float[] flagValues() {
        return flagValues == null ? null : flagValues.clone();
    }

    /** CF {@code flag_meanings}: one word per flag value, separated by spaces; null when not categorical. */
    public String flagMeanings() {
        return flagMeanings;
    }

    float[] valuesUnsafe() {
        return values;
    }

    public int valueCount() {
        return values.length;
    }

    /**
     * Builds an {@link OutputField}; units and long_name are required, and cell_methods is either given or
     * declared absent with {@link #withoutCellMethods()} (for statistics CF has no method for), so that no
     * field loses it by oversight.
     */
    public static final class Builder {
        private final String name;
        private final float[] values;
        private String units;
        private String longName;
        private String standardName;
        private String cellMethods;
        private boolean noCellMethods;
        private String comment;
        private OutputAxis axis;
        private float[] flagValues;
        private String flagMeanings;

        private Builder(String name, float[] values) {
            this.name = name;
            this.values = Objects.requireNonNull(values, "values").clone();
        }

        public Builder units(String units) {
            this.units = units;
            return this;
        }

        public Builder longName(String longName) {
            this.longName = longName;
            return this;
        }

        public Builder standardName(String standardName) {
            this.standardName = standardName;
            return this;
        }

        public Builder cellMethods(String cellMethods) {
            this.cellMethods = cellMethods;
            this.noCellMethods = false;
            return this;
        }

        /** No {@code cell_methods} attribute: CF has no method for this statistic (say which in a comment). */
        public Builder withoutCellMethods() {
            this.cellMethods = null;
            this.noCellMethods = true;
            return this;
        }

        public Builder comment(String comment) {
            this.comment = comment;
            return this;
        }

        public Builder axis(OutputAxis axis) {
            this.axis = axis;
            return this;
        }

        /**
         * Marks the field as categorical (CF flags): value {@code k} of {@code meanings} is the meaning of
         * {@code k}. Meanings must be words without blanks, as CF separates them with spaces.
         */
        public Builder flags(java.util.List<String> meanings) {
            float[] v = new float[meanings.size()];
            for (int k = 0; k < v.length; k++) {
                String m = meanings.get(k);
                if (m == null || m.isBlank() || m.chars().anyMatch(Character::isWhitespace)) {
                    throw new IllegalArgumentException("field '" + name + "': flag meaning " + k
                            + " must be one word without blanks, found '" + m + "'");
                }
                v[k] = k;
            }
            this.flagValues = v;
            this.flagMeanings = String.join(" ", meanings);
            return this;
        }

        public OutputField build() {
            CfNames.requireLegal(name, "field");
            require(units, "units");
            require(longName, "long_name");
            if (!noCellMethods) {
                require(cellMethods, "cell_methods");
            }
            return new OutputField(this);
        }

        private void require(String value, String attribute) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("field '" + name + "': expected a " + attribute + ", found none");
            }
        }
    }
}
