package org.emulens.io.products;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.emulens.io.netcdf.FlagRule;

/**
 * How to read one Earth-observation product as configuration, not code: the value variable, its
 * uncertainty components, the quality flag variable and the rule that marks a cell bad, the units to
 * expect and the physical bounds of the quantity. Built-in specs are in {@link ProductSpecs}; any
 * CF-compliant product is read with {@link ProductSpecs#cfVariable}. Immutable; made with {@link #builder}.
 */
public final class ProductSpec {
    private final String name;
    private final String valueVariable;
    private final String units;
    private final List<UncertaintyComponent> uncertainties;
    private final String flagVariable;
    private final FlagRule flagRule;
    private final PhysicalBounds bounds;
    private final boolean categorical;

    private ProductSpec(Builder b) {
        this.name = b.name;
        this.valueVariable = b.valueVariable;
        this.units = b.units;
        this.uncertainties = List.copyOf(b.uncertainties);
        this.flagVariable = b.flagVariable;
        this.flagRule = b.flagRule;
        this.bounds = b.bounds;
        this.categorical = b.categorical;
    }

    public static Builder builder(String name, String valueVariable) {
        return new Builder(name, valueVariable);
    }

    /** A copy of this spec with other physical bounds, e.g. [0, porosity] of the study's soil. */
    public ProductSpec withBounds(PhysicalBounds newBounds) {
        return toBuilder().bounds(newBounds).build();
    }

    private Builder toBuilder() {
        Builder b = new Builder(name, valueVariable).units(units).bounds(bounds).categorical(categorical);
        uncertainties.forEach(b::uncertainty);
        if (flagVariable != null) {
            b.flag(flagVariable, flagRule);
        }
        return b;
    }

    public String name() {
        return name;
    }

    public String valueVariable() {
        return valueVariable;
    }

    /** Units the value variable must state, or null when any are accepted. */
    public String units() {
        return units;
    }

    public List<UncertaintyComponent> uncertainties() {
        return uncertainties;
    }

    /** The quality flag variable, or null when the product has none. */
    public String flagVariable() {
        return flagVariable;
    }

    /** The rule for {@link #flagVariable()}, or null when there is none. */
    public FlagRule flagRule() {
        return flagRule;
    }

    public PhysicalBounds bounds() {
        return bounds;
    }

    /**
     * True for class codes (land cover): they are not quantities, so they are never averaged or
     * interpolated; they are turned into fractions first (see {@link LandCoverCrosswalk}).
     */
    public boolean isCategorical() {
        return categorical;
    }

    @Override
    public String toString() {
        return name + ": " + valueVariable + (units == null ? "" : " [" + units + "]") + ", uncertainties "
                + uncertainties + (flagVariable == null ? "" : ", " + flagVariable + ": " + flagRule.describe())
                + (bounds == PhysicalBounds.NONE ? "" : ", bounds " + bounds);
    }

    /** Collects a {@link ProductSpec}; {@link #build()} checks it. */
    public static final class Builder {
        private final String name;
        private final String valueVariable;
        private String units;
        private final List<UncertaintyComponent> uncertainties = new ArrayList<>();
        private String flagVariable;
        private FlagRule flagRule;
        private PhysicalBounds bounds = PhysicalBounds.NONE;
        private boolean categorical;

        private Builder(String name, String valueVariable) {
            this.name = name;
            this.valueVariable = valueVariable;
        }

        /** Units the value variable must state (compared ignoring spacing); by default any. */
        public Builder units(String units) {
            this.units = units;
            return this;
        }

        public Builder uncertainty(UncertaintyComponent component) {
            uncertainties.add(Objects.requireNonNull(component, "component"));
            return this;
        }

        /** Cells that {@code rule} finds bad in {@code variable} become NaN in the value and its uncertainties. */
        public Builder flag(String variable, FlagRule rule) {
            this.flagVariable = Objects.requireNonNull(variable, "flag variable");
            this.flagRule = Objects.requireNonNull(rule, "flag rule");
            return this;
        }

        public Builder bounds(PhysicalBounds bounds) {
            this.bounds = Objects.requireNonNull(bounds, "bounds");
            return this;
        }

        public Builder categorical(boolean categorical) {
            this.categorical = categorical;
            return this;
        }

        public ProductSpec build() {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("product spec: expected a name, found none");
            }
            if (valueVariable == null || valueVariable.isBlank()) {
                throw new IllegalArgumentException("product spec '" + name + "': expected a value variable, found none");
            }
            List<String> seen = new ArrayList<>();
            for (UncertaintyComponent c : uncertainties) {
                if (seen.contains(c.variable()) || c.variable().equals(valueVariable)) {
                    throw new IllegalArgumentException("product spec '" + name + "': uncertainty variable '"
                            + c.variable() + "' is named twice or is the value variable");
                }
                seen.add(c.variable());
            }
            if (categorical && !uncertainties.isEmpty()) {
                throw new IllegalArgumentException("product spec '" + name + "': a categorical product has no "
                        + "standard deviations; found uncertainties " + uncertainties);
            }
            return new ProductSpec(this);
        }
    }
}
