package org.emulens.io.products;

import java.util.List;
import java.util.Objects;
import org.emulens.io.grid.GridField;

/**
 * A product as read for a region: the value field, masked by the product's quality flags, and one
 * standard-deviation field per uncertainty component, masked wherever the value is. All share one grid
 * and one set of times. Immutable.
 */
public final class ProductField {
    private final ProductSpec spec;
    private final GridField value;
    private final List<UncertaintyField> uncertainties;

    public ProductField(ProductSpec spec, GridField value, List<UncertaintyField> uncertainties) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.value = Objects.requireNonNull(value, "value");
        this.uncertainties = List.copyOf(uncertainties);
        for (UncertaintyField u : this.uncertainties) {
            GridField sd = u.standardDeviation();
            if (!sd.grid().equals(value.grid()) || !sd.times().equals(value.times())) {
                throw new IllegalArgumentException("product '" + spec.name() + "': uncertainty '"
                        + u.component().variable() + "' lies on " + sd.grid() + ", expected the cells of the value: "
                        + value.grid());
            }
        }
    }

    public ProductSpec spec() {
        return spec;
    }

    public GridField value() {
        return value;
    }

    public List<UncertaintyField> uncertainties() {
        return uncertainties;
    }
}
