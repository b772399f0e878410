package org.emulens.io.netcdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.emulens.io.grid.GeoBox;
import org.emulens.io.grid.LatLonGrid;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the NetCDF C library, and what NetCDF-4 output does without it. */
class NetcdfCLibraryTest {
    private static final String ABSENT = "emulens-no-such-netcdf";

    @Test
    void aMissingLibraryIsReportedNotThrown() {
        NetcdfCLibrary lib = NetcdfCLibrary.probe(ABSENT);
        assertFalse(lib.isAvailable());
        assertTrue(lib.description().contains("'" + ABSENT + "' not found"), lib.description());
    }

    @Test
    void netcdf4OutputWithoutTheLibraryFailsNamingItAndLeavesNothing(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("result.nc");
        CfGridWriter writer = smallWriter().library(NetcdfCLibrary.probe(ABSENT)).build();
        NetcdfLibraryMissingException e = assertThrows(NetcdfLibraryMissingException.class, () -> writer.write(target));
        NetcdfGridFileErrorsTest.assertContains(e, target.toString(), "cannot write NetCDF-4", ABSENT, "libnetcdf19",
                NetcdfCLibrary.LIBRARY_PROPERTY, "netcdf3");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "nothing is left in the folder");
        }
    }

    @Test
    void netcdf3OutputNeedsNoLibrary(@TempDir Path dir) {
        Path target = dir.resolve("result.nc");
        smallWriter().library(NetcdfCLibrary.probe(ABSENT)).format(NetcdfFormat.NETCDF3_64BIT_OFFSET).build()
                .write(target);
        assertTrue(Files.isRegularFile(target));
    }

    @Test
    void theSystemLibraryIsFoundByItsVersionedName() {
        NetcdfCLibrary lib = NetcdfCLibrary.probe();
        if (!lib.isAvailable()) {
            System.out.println("NetcdfCLibraryTest: skipped, no NetCDF C library here: " + lib.description());
        }
        Assumptions.assumeTrue(lib.isAvailable(), lib.description());
        assertTrue(lib.description().matches("NetCDF C library \\d+\\.\\d+.*"), lib.description());
    }

    @Test
    void anExplicitPathIsUsed() {
        Path debian = Path.of("/usr/lib/x86_64-linux-gnu/libnetcdf.so.19");
        Assumptions.assumeTrue(Files.isRegularFile(debian), "no " + debian + " here");
        NetcdfCLibrary lib = NetcdfCLibrary.probe(debian.toString());
        assertTrue(lib.isAvailable(), lib.description());
        assertTrue(lib.description().contains("libnetcdf.so.19"), lib.description());
    }

    static CfGridWriter.Builder smallWriter() {
        LatLonGrid grid = LatLonGrid.regular(GeoBox.of(0, 1, 0, 2), 1);
        return CfGridWriter.builder(grid).title("test").field(OutputField.mean("x", "1", "x", new float[] {1, 2}));
    }
}
