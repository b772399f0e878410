package org.emulens.io.netcdf;

import java.util.Arrays;
import java.util.Objects;

/**
 * An extra dimension of an output statistic, between time and latitude: the percentile levels of
 * quantile fields or the thresholds of exceedance probabilities. Written as a CF coordinate variable of
 * the same name. Immutable.
 */
public final class OutputAxis {
    private final String name;
    private final String units;
    private final String longName;
    private final double[] values;

    private OutputAxis(String name, String units, String longName, double[] values) {
        CfNames.requireLegal(name, "axis");
        if (values.length == 0) {
            throw new IllegalArgumentException("axis '" + name + "': expected at least one value, found none");
        }
        for (int k = 1; k < values.length; k++) {
            if (!(values[k] > values[k - 1])) {
                throw new IllegalArgumentException("axis '" + name + "': expected strictly ascending values, found "
                        + values[k - 1] + " then " + values[k]);
            }
        }
        this.name = name;
        this.units = Objects.requireNonNull(units, "units");
        this.longName = Objects.requireNonNull(longName, "longName");
        this.values = values.clone();
    }

    /** Any axis: its name, units, long_name and ascending values. */
    public static OutputAxis of(String name, String units, String longName, double... values) {
        return new OutputAxis(name, units, longName, values);
    }

    /**
     * Percentile levels in percent (5, 50, 95), named {@code percentile} as in UKCP18's probabilistic
     * projections; the field's {@code cell_methods} then reads "realization: percentile".
     */
    public static OutputAxis percentiles(double... percent) {
        for (double p : percent) {
            if (!(p >= 0 && p <= 100)) {
                throw new IllegalArgumentException("axis 'percentile': expected levels in 0..100 percent, found " + p);
            }
        }
        return new OutputAxis("percentile", "percent", "percentile of the ensemble members", percent);
    }

    /**
     * Thresholds of an exceedance probability, in the units of the quantity compared with them; the name
     * says of what, e.g. {@code sm_threshold}, so that fields of different quantities can sit in one file.
     */
    public static OutputAxis thresholds(String name, String units, double... thresholds) {
        return new OutputAxis(name, units, "threshold", thresholds);
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

    public int size() {
        return values.length;
    }

    public double[] values() {
        return values.clone();
    }

    boolean sameAs(OutputAxis o) {
        return o.name.equals(name) && o.units.equals(units) && Arrays.equals(o.values, values);
    }
}
