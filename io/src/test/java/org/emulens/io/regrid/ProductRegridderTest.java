package org.emulens.io.regrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.emulens.io.grid.GeoBox;
import org.emulens.io.grid.GridField;
import org.emulens.io.grid.LatLonGrid;
import org.emulens.io.products.ProductField;
import org.emulens.io.products.ProductSpecs;
import org.emulens.io.products.UncertaintyField;
import org.junit.jupiter.api.Test;

/** Each uncertainty component of a product is aggregated by its own rule; class codes are refused. */
class ProductRegridderTest {
    private static final LatLonGrid FINE = LatLonGrid.ofCentresAndEdges(new double[] {0}, new double[] {-0.5, 0.5},
            new double[] {0.1, 0.3, 0.5, 0.7, 0.9}, new double[] {0, 0.2, 0.4, 0.6, 0.8, 1.0});
    private static final LatLonGrid COARSE = LatLonGrid.regular(GeoBox.of(-0.5, 0.5, 0, 1), 1);

    @Test
    void lstComponentsAggregateEachByItsCorrelation() {
        float[] half = new float[5];
        Arrays.fill(half, 0.5f);
        float[] lst = {300, 301, 302, 303, 304};
        double patchKm = AreaWeightedAggregation.EARTH_RADIUS_KM * Math.toRadians(0.4);
        ProductField fine = new ProductField(ProductSpecs.esaCciLst(patchKm, 1e6),
                GridField.of("lst", "K", FINE, lst),
                List.of(new UncertaintyField(ProductSpecs.esaCciLst(1, 1).uncertainties().get(0),
                                GridField.of("lst_unc_ran", "K", FINE, half)),
                        new UncertaintyField(ProductSpecs.esaCciLst(patchKm, 1e6).uncertainties().get(1),
                                GridField.of("lst_unc_loc_atm", "K", FINE, half)),
                        new UncertaintyField(ProductSpecs.esaCciLst(patchKm, 1e6).uncertainties().get(2),
                                GridField.of("lst_unc_loc_sfc", "K", FINE, half)),
                        new UncertaintyField(ProductSpecs.esaCciLst(1, 1).uncertainties().get(3),
                                GridField.of("lst_unc_sys", "K", FINE, half))));
        ProductRegridder.Aggregated coarse = ProductRegridder.aggregate(fine, COARSE);
        assertEquals(302, coarse.product().value().value(0, 0), 1e-4);
        assertEquals(1, coarse.coverage().value(0, 0), 1e-9);
        List<UncertaintyField> u = coarse.product().uncertainties();
        assertEquals(0.5 / Math.sqrt(5), u.get(0).standardDeviation().value(0, 0), 1e-7, "random");
        assertEquals(0.3, u.get(1).standardDeviation().value(0, 0), 1e-6, "patches of 2, 2 and 1 cells");
        assertEquals(0.5, u.get(2).standardDeviation().value(0, 0), 1e-7, "one patch larger than the cell");
        assertEquals(0.5, u.get(3).standardDeviation().value(0, 0), 1e-7, "systematic");
    }

    @Test
    void classCodesAreNotAveraged() {
        ProductField lc = new ProductField(ProductSpecs.esaCciLandCover(),
                GridField.of("lccs_class", "1", FINE, new float[] {10, 10, 50, 50, 210}), List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProductRegridder.aggregate(lc, COARSE));
        assertEquals(true, e.getMessage().contains("LandCoverCrosswalk"), e.getMessage());
    }
}
