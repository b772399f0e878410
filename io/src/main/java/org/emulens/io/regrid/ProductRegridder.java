package org.emulens.io.regrid;

import java.util.ArrayList;
import java.util.List;
import org.emulens.io.grid.GridField;
import org.emulens.io.grid.LatLonGrid;
import org.emulens.io.products.ProductField;
import org.emulens.io.products.UncertaintyComponent;
import org.emulens.io.products.UncertaintyField;

/**
 * Puts a product onto the study grid: area-weighted aggregation when the product is finer
 * ({@link #aggregate}), interpolation when it is coarser ({@link #interpolate}), each uncertainty
 * component by the rule its error correlation calls for. Class codes are refused: they are turned into
 * fractions first, which can be averaged.
 */
public final class ProductRegridder {
    private ProductRegridder() {
    }

    /** A product aggregated onto a coarser grid, with the fraction of each cell its valid values cover. */
    public static final class Aggregated {
        private final ProductField product;
        private final GridField coverage;

        Aggregated(ProductField product, GridField coverage) {
            this.product = product;
            this.coverage = coverage;
        }

        public ProductField product() {
            return product;
        }

        /** Fraction (0..1) of each target cell covered by valid fine cells. */
        public GridField coverage() {
            return coverage;
        }
    }

    public static Aggregated aggregate(ProductField fine, LatLonGrid target) {
        requireQuantity(fine);
        AreaWeightedAggregation agg = AreaWeightedAggregation.between(fine.value().grid(), target);
        List<UncertaintyField> sds = new ArrayList<>();
        for (UncertaintyField u : fine.uncertainties()) {
            UncertaintyComponent c = u.component();
            sds.add(new UncertaintyField(c, agg.standardDeviation(u.standardDeviation(), c.correlation(),
                    c.lengthScaleKm())));
        }
        ProductField coarse = new ProductField(fine.spec(), agg.mean(fine.value()), sds);
        return new Aggregated(coarse, agg.coverage(fine.value()));
    }

    public static ProductField interpolate(ProductField coarse, LatLonGrid target, GridInterpolation.Method method) {
        requireQuantity(coarse);
        GridInterpolation interpolation = GridInterpolation.between(coarse.value().grid(), target, method);
        List<UncertaintyField> sds = new ArrayList<>();
        for (UncertaintyField u : coarse.uncertainties()) {
            sds.add(new UncertaintyField(u.component(), interpolation.apply(u.standardDeviation())));
        }
        return new ProductField(coarse.spec(), interpolation.apply(coarse.value()), sds);
    }

    private static void requireQuantity(ProductField p) {
        if (p.spec().isCategorical()) {
            throw new IllegalArgumentException("product '" + p.spec().name() + "' holds class codes, which cannot be "
                    + "averaged or interpolated; turn them into fractions with a LandCoverCrosswalk first");
        }
    }
}
