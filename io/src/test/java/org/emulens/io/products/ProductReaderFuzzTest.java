package org.emulens.io.products;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.emulens.engine.EmulensException;
import org.emulens.io.netcdf.GridRegion;
import org.emulens.io.netcdf.NetcdfGridFile;
import org.emulens.io.netcdf.NetcdfInputException;
import org.emulens.engine.FuzzFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Mutated copies of the small product samples (NetCDF-3 and NetCDF-4/HDF5, seeded in
 * ProductReaderFuzzTestInputs): corrupt headers, wrong types, absurd dimensions. Every product adapter
 * either reads the file or fails with a {@link NetcdfInputException} naming it; an OutOfMemoryError from
 * a dimension the file cannot hold is a finding like any other, and so is a hang (each input has 10 s).
 */
class ProductReaderFuzzTest {
    private static final List<ProductSpec> SPECS = List.of(ProductSpecs.esaCciSoilMoisture(),
            ProductSpecs.esaCciLst(5, 30), ProductSpecs.modisMcd43c3WhiteSkyShortwave(2),
            ProductSpecs.esaCciLandCover());
    private static FuzzFile input;

    @BeforeAll
    static void makeDir() throws IOException {
        input = FuzzFile.in("product-fuzz", "product.nc");
        // A header that makes NetCDF-Java loop (crash-hdf5-header-loop) then costs 2 s, not a minute.
        System.setProperty(NetcdfGridFile.OPEN_SECONDS_PROPERTY, "2");
    }

    @AfterAll
    static void removeDir() throws IOException {
        input.delete();
    }

    @FuzzTest(maxDuration = "10s")
    void productFailsOnlyWithNetcdfInputException(byte[] bytes) throws IOException {
        Path file = input.write(bytes);
        NetcdfGridFile nc;
        try {
            nc = NetcdfGridFile.open(file);
        } catch (NetcdfInputException ex) {
            input.assertNamedIn(ex);
            return;
        }
        try (nc) {
            for (ProductSpec spec : SPECS) {
                try {
                    ProductReader.read(nc, spec, GridRegion.everywhere());
                } catch (NetcdfInputException ex) {
                    input.assertNamedIn(ex);
                } catch (EmulensException ex) {
                    throw new AssertionError("expected a NetcdfInputException, got " + ex, ex);
                }
            }
        }
    }

}
