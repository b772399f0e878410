package org.emulens.io.products;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.emulens.io.netcdf.GridRegion;
import org.emulens.io.netcdf.NetcdfInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The message a damaged file that fuzzing once found now gets (docs/RELIABILITY.md lists the findings). */
class ProductFuzzFindingsTest {

    @Test
    void anHdf5LayoutThatDisagreesWithItsHeaderIsADamagedFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("product.nc");
        try (InputStream in = ProductFuzzFindingsTest.class.getResourceAsStream(
                "ProductReaderFuzzTestInputs/productFailsOnlyWithNetcdfInputException/crash-hdf5-layout-assertion")) {
            Files.write(f, in.readAllBytes());
        }
        NetcdfInputException ex = assertThrows(NetcdfInputException.class,
                () -> ProductReader.read(f, ProductSpecs.esaCciSoilMoisture(), GridRegion.everywhere()));
        assertTrue(ex.getMessage().startsWith(f + ": ") && ex.getMessage().contains("damaged"), ex.getMessage());
    }
}
