package org.emulens.io.products;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.emulens.engine.EmulensException;
import org.emulens.io.netcdf.GridRegion;
import org.emulens.io.netcdf.NetcdfInputException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Mutated copies of the small product samples (NetCDF-3 and NetCDF-4/HDF5, seeded in
 * ProductReaderFuzzTestInputs): corrupt headers, wrong types, absurd dimensions. Every product adapter
 * either reads the file or fails with a {@link NetcdfInputException} naming it; an OutOfMemoryError from
 * a dimension the file cannot hold is a finding like any other.
 */
class ProductReaderFuzzTest {
    private static final List<ProductSpec> SPECS = List.of(ProductSpecs.esaCciSoilMoisture(),
            ProductSpecs.esaCciLst(5, 30), ProductSpecs.modisMcd43c3WhiteSkyShortwave(2),
            ProductSpecs.esaCciLandCover());
    private static Path dir;

    @BeforeAll
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("product-fuzz");
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
        for (ProductSpec spec : SPECS) {
            try {
                ProductReader.read(file, spec, GridRegion.everywhere());
            } catch (NetcdfInputException ex) {
                assertTrue(ex.getMessage() != null && ex.getMessage().contains(file.toString()),
                        "an error that does not name the file: " + ex.getMessage());
            } catch (EmulensException ex) {
                throw new AssertionError("expected a NetcdfInputException, got " + ex, ex);
            }
        }
    }
}
