package org.emulens.io.products;

/**
 * The range a quantity can physically take, e.g. soil moisture in [0, porosity]: perturbed inputs are
 * kept inside it (by truncating their distribution), so an ensemble member never feeds the emulator a
 * negative water content. It does not mask the product's own values: its {@code valid_range} does that.
 * Immutable.
 */
public final class PhysicalBounds {
    /** No bounds: any real number. */
    public static final PhysicalBounds NONE = new PhysicalBounds(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    private final double lower;
    private final double upper;

    private PhysicalBounds(double lower, double upper) {
        this.lower = lower;
        this.upper = upper;
    }

    /** Bounds {@code lower <= x <= upper}; either may be infinite. */
    public static PhysicalBounds between(double lower, double upper) {
        if (Double.isNaN(lower) || Double.isNaN(upper) || !(lower < upper)) {
            throw new IllegalArgumentException("physical bounds: expected lower < upper, found " + lower + ", " + upper);
        }
        return new PhysicalBounds(lower, upper);
    }

    public double lower() {
        return lower;
    }

    public double upper() {
        return upper;
    }

    public boolean contains(double x) {
        return x >= lower && x <= upper;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PhysicalBounds b && b.lower == lower && b.upper == upper;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(lower) * 31 + Double.hashCode(upper);
    }

    @Override
    public String toString() {
        return "[" + lower + ", " + upper + "]";
    }
}
