package org.emulens.engine;

/**
 * A named model input or output with its physical units and the range it is valid over
 * (the range the emulator was trained on; {@code NaN} bounds mean "not stated").
 */
public record Variable(String name, String units, double validMin, double validMax, String description) {

    public Variable {
        if (name == null || name.isBlank()) {
            throw new InvalidModelException("a variable needs a non-empty name");
        }
        units = units == null ? "1" : units;
        description = description == null ? "" : description;
        if (!Double.isNaN(validMin) && !Double.isNaN(validMax) && validMin > validMax) {
            throw new InvalidModelException("variable '" + name + "': valid range is inverted, min "
                    + validMin + " > max " + validMax);
        }
    }

    public static Variable of(String name, String units) {
        return new Variable(name, units, Double.NaN, Double.NaN, "");
    }

    public boolean hasRange() {
        return !Double.isNaN(validMin) && !Double.isNaN(validMax);
    }

    public boolean inRange(double value) {
        return (Double.isNaN(validMin) || value >= validMin) && (Double.isNaN(validMax) || value <= validMax);
    }
}
