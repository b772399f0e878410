package org.emulens.io.products;

import org.emulens.io.netcdf.FlagRule;

/**
 * The products Emulens knows by name, each a {@link ProductSpec} built from the product's documentation,
 * and {@link #cfVariable} for any other CF-compliant product.
 */
public final class ProductSpecs {
    private ProductSpecs() {
    }

    /**
     * ESA CCI Soil Moisture (COMBINED, ACTIVE or PASSIVE, v04 and later): {@code sm} in m3 m-3, with
     * {@code sm_uncertainty}, "the estimated standard deviation of the observation", taken as random
     * error; any non-zero {@code flag} (snow or frozen soil, dense vegetation, no convergence, ...) masks
     * the cell; physical bounds [0, 1], to be narrowed to [0, porosity] with {@link ProductSpec#withBounds}.
     */
    public static ProductSpec esaCciSoilMoisture() {
        return ProductSpec.builder("esa-cci-sm", "sm")
                .units("m3 m-3")
                .uncertainty(UncertaintyComponent.random("sm_uncertainty"))
                .flag("flag", FlagRule.nonZeroIsBad())
                .bounds(PhysicalBounds.between(0, 1))
                .build();
    }

    /**
     * ESA CCI Land Surface Temperature (L3C/L3S, v3): {@code lst} in kelvin with its four uncertainty
     * components: {@code lst_unc_ran} random, {@code lst_unc_loc_atm} and {@code lst_unc_loc_sfc} locally
     * correlated over atmospheric and surface length scales, {@code lst_unc_sys} systematic.
     *
     * <p>The files carry no length scales, so they are the caller's to give (km); there is no default
     * on purpose, as the aggregated uncertainty depends on them directly.
     */
    public static ProductSpec esaCciLst(double atmosphericLengthKm, double surfaceLengthKm) {
        return ProductSpec.builder("esa-cci-lst", "lst")
                .units("K")
                .uncertainty(UncertaintyComponent.random("lst_unc_ran"))
                .uncertainty(UncertaintyComponent.locallyCorrelated("lst_unc_loc_atm", atmosphericLengthKm))
                .uncertainty(UncertaintyComponent.locallyCorrelated("lst_unc_loc_sfc", surfaceLengthKm))
                .uncertainty(UncertaintyComponent.systematic("lst_unc_sys"))
                .bounds(PhysicalBounds.between(0, Double.POSITIVE_INFINITY))
                .build();
    }

    /**
     * MODIS MCD43C3 (Collection 6/6.1, 0.05 degree climate modelling grid) shortwave white-sky albedo,
     * {@code Albedo_WSA_shortwave}, dimensionless, kept where {@code BRDF_Quality} is 0 (best, full
     * inversions) up to {@code worstQuality} (1 good, 2 mixed, 3 all magnitude inversions or 50% fill,
     * 4 75% fill, 5 all fill; 255 is fill). The product carries no per-cell uncertainty. The spec reads
     * CF-style NetCDF copies of the product (e.g. from a conversion of the HDF4 original that keeps the
     * variable names and adds lat/lon coordinates).
     */
    public static ProductSpec modisMcd43c3WhiteSkyShortwave(int worstQuality) {
        if (worstQuality < 0 || worstQuality > 5) {
            throw new IllegalArgumentException("MCD43C3 worst accepted BRDF_Quality: expected 0..5, found "
                    + worstQuality);
        }
        long[] good = new long[worstQuality + 1];
        for (int q = 0; q <= worstQuality; q++) {
            good[q] = q;
        }
        return ProductSpec.builder("modis-mcd43c3-wsa-shortwave", "Albedo_WSA_shortwave")
                .flag("BRDF_Quality", FlagRule.goodValues(good))
                .bounds(PhysicalBounds.between(0, 1))
                .build();
    }

    /**
     * ESA CCI Land Cover (v2.0.7 and C3S v2.1): {@code lccs_class}, the LCCS class code of each cell,
     * kept where {@code processed_flag} says "processed". Categorical: turn it into plant functional
     * type fractions with a {@link LandCoverCrosswalk} before any regridding.
     */
    public static ProductSpec esaCciLandCover() {
        return ProductSpec.builder("esa-cci-lc", "lccs_class")
                .flag("processed_flag", FlagRule.goodMeanings("processed"))
                .categorical(true)
                .build();
    }

    /**
     * Any CF-compliant gridded variable, with an optional uncertainty variable holding the standard
     * deviation of random errors ({@code null} for none). Packing, fill values, valid ranges, units and
     * axes come from the file's own CF attributes, so no product-specific code is needed.
     */
    public static ProductSpec cfVariable(String valueVariable, String uncertaintyVariable) {
        ProductSpec.Builder b = ProductSpec.builder("cf:" + valueVariable, valueVariable);
        if (uncertaintyVariable != null) {
            b.uncertainty(UncertaintyComponent.random(uncertaintyVariable));
        }
        return b.build();
    }
}
