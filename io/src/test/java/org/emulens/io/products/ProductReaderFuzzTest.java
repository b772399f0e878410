package org.emulens.io.products;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.emulens.engine.EmulensException;
import org.emulens.io.netcdf.GridRegion;
import org.emulens.io.netcdf.NetcdfGridFile;
import org.emulens.io.netcdf.NetcdfInputException;
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
    private static Path dir;

    @BeforeAll
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("product-fuzz");
        // A header that makes NetCDF-Java loop (crash-hdf5-header-loop) then costs 2 s, not a minute.
        System.setProperty(NetcdfGridFile.OPEN_SECONDS_PROPERTY, "2");
    }

    @AfterAll
    static void removeDir() throws IOException {
        Files.deleteIfExists(dir.resolve("product.nc"));
        Files.deleteIfExists(dir);
    }

    @FuzzTest(maxDuration = "10s")
    void productFailsOnlyWithNetcdfInputException(byte[] bytes) throws IOException {
        Path file = dir.resolve("product.nc");
        Files.write(file, bytes);
        NetcdfGridFile nc;
        try {
            nc = NetcdfGridFile.open(file);
        } catch (NetcdfInputException ex) {
            assertNamesTheFile(ex, file);
            return;
        }
        try (nc) {
            for (ProductSpec spec : SPECS) {
                try {
                    ProductReader.read(nc, spec, GridRegion.everywhere());
                } catch (NetcdfInputException ex) {
                    assertNamesTheFile(ex, file);
                } catch (EmulensException ex) {
                    throw new AssertionError("expected a NetcdfInputException, got " + ex, ex);
                }
            }
        }
    }

    private static void assertNamesTheFile(NetcdfInputException ex, Path file) {
        assertTrue(ex.getMessage() != null && ex.getMessage().contains(file.toString()),
                "an error that does not name the file: " + ex.getMessage());
    }
}
