package org.emulens.io.products;

import java.util.Locale;
import java.util.Objects;

/**
 * One uncertainty variable of a product and what it means: which variable holds it, whether it is a
 * standard deviation or a variance, and how its errors are correlated between cells (with the length
 * scale, for locally correlated errors). Immutable.
 */
public final class UncertaintyComponent {
    /** What the stored number is; it is always turned into a standard deviation when read. */
    public enum Measure { STANDARD_DEVIATION, VARIANCE }

    private final String variable;
    private final Measure measure;
    private final ErrorCorrelation correlation;
    private final double lengthScaleKm;

    private UncertaintyComponent(String variable, Measure measure, ErrorCorrelation correlation,
            double lengthScaleKm) {
        this.variable = Objects.requireNonNull(variable, "variable");
        this.measure = Objects.requireNonNull(measure, "measure");
        this.correlation = Objects.requireNonNull(correlation, "correlation");
        this.lengthScaleKm = lengthScaleKm;
    }

    /** A standard deviation of independent errors. */
    public static UncertaintyComponent random(String variable) {
        return new UncertaintyComponent(variable, Measure.STANDARD_DEVIATION, ErrorCorrelation.RANDOM, 0);
    }

    /** A standard deviation of an error common to all cells. */
    public static UncertaintyComponent systematic(String variable) {
        return new UncertaintyComponent(variable, Measure.STANDARD_DEVIATION, ErrorCorrelation.SYSTEMATIC, 0);
    }

    /** A standard deviation of errors shared by cells within {@code lengthScaleKm} of each other. */
    public static UncertaintyComponent locallyCorrelated(String variable, double lengthScaleKm) {
        if (!(lengthScaleKm > 0 && Double.isFinite(lengthScaleKm))) {
            throw new IllegalArgumentException("uncertainty '" + variable + "': expected a positive length scale in "
                    + "km, found " + lengthScaleKm);
        }
        return new UncertaintyComponent(variable, Measure.STANDARD_DEVIATION, ErrorCorrelation.LOCALLY_CORRELATED,
                lengthScaleKm);
    }

    /** The same component stored as a variance instead of a standard deviation. */
    public UncertaintyComponent asVariance() {
        return new UncertaintyComponent(variable, Measure.VARIANCE, correlation, lengthScaleKm);
    }

    public String variable() {
        return variable;
    }

    public Measure measure() {
        return measure;
    }

    public ErrorCorrelation correlation() {
        return correlation;
    }

    /** The correlation length in km; 0 unless the errors are locally correlated. */
    public double lengthScaleKm() {
        return lengthScaleKm;
    }

    @Override
    public String toString() {
        return variable + " (" + (measure == Measure.VARIANCE ? "variance" : "sd") + ", "
                + correlation.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + (correlation == ErrorCorrelation.LOCALLY_CORRELATED ? " over " + lengthScaleKm + " km" : "") + ")";
    }
}
