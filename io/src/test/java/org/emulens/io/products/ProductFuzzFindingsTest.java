package org.emulens.io.products;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.emulens.io.netcdf.GridRegion;
import org.emulens.io.netcdf.NetcdfGridFile;
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

    /**
     * Kept out of the fuzzer's seeds: every mutation of it would cost the fuzzer the 2 s limit, and the
     * looping reader goes on, on a daemon thread, until the JVM ends.
     */
    @Test
    void anHdf5HeaderThatMakesTheReaderLoopIsRefusedInTime(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("product.nc");
        try (InputStream in = ProductFuzzFindingsTest.class.getResourceAsStream(
                "findings/hdf5-header-loop.nc")) {
            Files.write(f, in.readAllBytes());
        }
        System.setProperty(NetcdfGridFile.OPEN_SECONDS_PROPERTY, "2");
        try {
            long start = System.nanoTime();
            NetcdfInputException ex = assertThrows(NetcdfInputException.class, () -> NetcdfGridFile.open(f));
            assertEquals(f + ": not a readable NetCDF file: its header was still being read after 2 s, which a damaged "
                    + "file can cause (-Demulens.netcdf.open.seconds=N waits longer)", ex.getMessage());
            assertTrue(System.nanoTime() - start < 20_000_000_000L, "refused in time");
        } finally {
            System.clearProperty(NetcdfGridFile.OPEN_SECONDS_PROPERTY);
        }
    }
}
