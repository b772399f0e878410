package org.emulens.io.products;

import java.util.Objects;
import org.emulens.io.grid.GridField;

/** One uncertainty component as read: the component's meaning and its standard deviation per cell. Immutable. */
public final class UncertaintyField {
    private final UncertaintyComponent component;
    private final GridField standardDeviation;

    public UncertaintyField(UncertaintyComponent component, GridField standardDeviation) {
        this.component = Objects.requireNonNull(component, "component");
        this.standardDeviation = Objects.requireNonNull(standardDeviation, "standardDeviation");
    }

    public UncertaintyComponent component() {
        return component;
    }

    /** Standard deviation per cell, in the units of the value, NaN where unknown or masked. */
    public GridField standardDeviation() {
        return standardDeviation;
    }
}
