package org.emulens.io.products;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.emulens.io.TestFiles;
import org.emulens.io.grid.GridField;
import org.emulens.io.netcdf.GridRegion;
import org.emulens.io.netcdf.NetcdfInputException;
import org.junit.jupiter.api.Test;

/**
 * The built-in product specs on the synthetic files of make_product_samples.py, against what
 * netCDF4-python reads with each product's documented rule (product_expected.csv). Values are compared
 * to 1e-6: the samples are float32, or int16 times a double scale_factor, which both sides compute in
 * double before rounding to float.
 */
class ProductSpecsTest {
    private static final List<Map<String, String>> EXPECTED =
            TestFiles.csv(TestFiles.resource(ProductSpecsTest.class, "product_expected.csv"));

    private static Path sample(String name) {
        return TestFiles.resource(ProductSpecsTest.class, "product_" + name + ".nc");
    }

    @Test
    void esaCciSoilMoistureMasksFlaggedCellsAndTheirUncertainty() {
        ProductField p = ProductReader.read(sample("esa_cci_sm"), ProductSpecs.esaCciSoilMoisture(),
                GridRegion.everywhere());
        compare("esa-cci-sm", "sm", p.value());
        UncertaintyField u = p.uncertainties().get(0);
        assertEquals(ErrorCorrelation.RANDOM, u.component().correlation());
        compare("esa-cci-sm", "sm_uncertainty", u.standardDeviation());
        // the file's northern row (stored first) holds flag 1, snow, over a valid sm number
        assertTrue(Float.isNaN(p.value().value(0, 3, 1)), "flag 1 masks the cell");
        assertEquals(PhysicalBounds.between(0, 1), p.spec().bounds());
    }

    @Test
    void esaCciLstKeepsItsFourUncertaintyComponentsApart() {
        ProductField p = ProductReader.read(sample("esa_cci_lst"), ProductSpecs.esaCciLst(5, 30),
                GridRegion.everywhere());
        compare("esa-cci-lst", "lst", p.value());
        List<String> names = p.uncertainties().stream().map(u -> u.component().variable()).toList();
        assertEquals(List.of("lst_unc_ran", "lst_unc_loc_atm", "lst_unc_loc_sfc", "lst_unc_sys"), names);
        for (UncertaintyField u : p.uncertainties()) {
            compare("esa-cci-lst", u.component().variable(), u.standardDeviation());
        }
        assertEquals(ErrorCorrelation.LOCALLY_CORRELATED, p.uncertainties().get(1).component().correlation());
        assertEquals(5, p.uncertainties().get(1).component().lengthScaleKm());
        assertEquals(30, p.uncertainties().get(2).component().lengthScaleKm());
        assertEquals(ErrorCorrelation.SYSTEMATIC, p.uncertainties().get(3).component().correlation());
    }

    @Test
    void modisWhiteSkyAlbedoKeepsOnlyGoodQuality() {
        ProductField p = ProductReader.read(sample("mcd43c3"), ProductSpecs.modisMcd43c3WhiteSkyShortwave(2),
                GridRegion.everywhere());
        compare("mcd43c3", "Albedo_WSA_shortwave", p.value());
        assertTrue(p.value().times().isEmpty());
    }

    @Test
    void landCoverClassesBecomePoulterFractions() {
        ProductField p = ProductReader.read(sample("esa_cci_lc"), ProductSpecs.esaCciLandCover(),
                GridRegion.everywhere());
        compare("esa-cci-lc", "lccs_class", p.value());
        Map<String, GridField> pfts = LandCoverCrosswalk.poulter2015().apply(p.value());
        assertEquals(15, pfts.size());
        for (Map.Entry<String, GridField> e : pfts.entrySet()) {
            compare("esa-cci-lc", "pft:" + e.getKey(), e.getValue());
        }
    }

    @Test
    void anyCfVariableIsReadWithoutProductCode() {
        ProductField p = ProductReader.read(sample("esa_cci_lst"), ProductSpecs.cfVariable("lst", "lst_unc_ran"),
                GridRegion.everywhere());
        compare("esa-cci-lst", "lst", p.value());
        compare("esa-cci-lst", "lst_unc_ran", p.uncertainties().get(0).standardDeviation());
        ProductField bare = ProductReader.read(sample("esa_cci_lst"), ProductSpecs.cfVariable("lst", null),
                GridRegion.everywhere());
        assertTrue(bare.uncertainties().isEmpty());
    }

    @Test
    void unitsOtherThanTheSpecSaysAreRefused() {
        ProductSpec kelvinSm = ProductSpec.builder("wrong", "sm").units("K").build();
        NetcdfInputException e = assertThrows(NetcdfInputException.class,
                () -> ProductReader.read(sample("esa_cci_sm"), kelvinSm, GridRegion.everywhere()));
        assertTrue(e.getMessage().contains("'sm'") && e.getMessage().contains("expected units K, found m3 m-3"),
                e.getMessage());
    }

    @Test
    void boundsCanBeNarrowedToPorosity() {
        ProductSpec sm = ProductSpecs.esaCciSoilMoisture().withBounds(PhysicalBounds.between(0, 0.45));
        assertEquals(0.45, sm.bounds().upper());
        assertEquals("sm_uncertainty", sm.uncertainties().get(0).variable());
        assertFalse(sm.bounds().contains(0.5));
    }

    @Test
    void specsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> ProductSpecs.esaCciLst(0, 30));
        assertThrows(IllegalArgumentException.class, () -> ProductSpecs.modisMcd43c3WhiteSkyShortwave(6));
        assertThrows(IllegalArgumentException.class, () -> ProductSpec.builder("x", "sm")
                .uncertainty(UncertaintyComponent.random("sm")).build());
    }

    private static void compare(String product, String variable, GridField field) {
        int n = 0;
        for (Map<String, String> row : EXPECTED) {
            if (!row.get("product").equals(product) || !row.get("variable").equals(variable)) {
                continue;
            }
            int i = index(field.grid().latitudes(), Double.parseDouble(row.get("lat")));
            int j = index(field.grid().longitudes(), Double.parseDouble(row.get("lon")));
            float expected = TestFiles.value(row);
            float actual = field.value(0, i, j);
            String where = product + " " + variable + " at " + row.get("lat") + ", " + row.get("lon");
            if (Float.isNaN(expected)) {
                assertTrue(Float.isNaN(actual), where + ": expected missing, found " + actual);
            } else {
                assertEquals(expected, actual, 1e-6, where);
            }
            n++;
        }
        assertEquals(field.grid().cellCount(), n, "every cell compared: " + variable);
    }

    private static int index(double[] axis, double v) {
        for (int k = 0; k < axis.length; k++) {
            if (Math.abs(axis[k] - v) < 1e-6) {
                return k;
            }
        }
        throw new AssertionError(v + " not on the axis");
    }
}
