package org.emulens.io.netcdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.emulens.io.grid.GeoBox;
import org.emulens.io.grid.GridField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ucar.ma2.Array;
import ucar.ma2.DataType;
import ucar.ma2.InvalidRangeException;
import ucar.nc2.Attribute;
import ucar.nc2.NetcdfFileWriter;
import ucar.nc2.Variable;
import ucar.unidata.io.RandomAccessFile;

/**
 * A small box of a large file is read without reading the file: on an uncompressed NetCDF-3 global
 * 0.25 degree field (4 MB), a 2 x 2 degree box must cost a small fraction of it. NetCDF-Java's own
 * byte counter measures what is read from disk; it reads in 8 KiB buffers, so the box's 8 rows cost
 * about 8 buffers (64 KiB) plus the header, under 5% of the file, against 100% for a whole read.
 */
class SectionReadTest {
    private static final int NLAT = 720;
    private static final int NLON = 1440;

    @Test
    void aSmallBoxReadsASmallPartOfTheFile(@TempDir Path dir) throws IOException, InvalidRangeException {
        Path file = dir.resolve("global.nc");
        writeGlobalField(file);
        long size = Files.size(file);

        RandomAccessFile.setDebugAccess(true);
        long before = RandomAccessFile.getDebugNbytes();
        GridField f;
        try (NetcdfGridFile nc = NetcdfGridFile.open(file)) {
            f = nc.read("v", GridRegion.of(GeoBox.of(10, 12, 20, 22)));
        } finally {
            RandomAccessFile.setDebugAccess(false);
        }
        long read = RandomAccessFile.getDebugNbytes() - before;

        assertEquals(8, f.grid().latCount());
        assertEquals(8, f.grid().lonCount());
        assertTrue(read < 0.05 * size, "read " + read + " bytes of a " + size + " byte file");
        // the value of each cell encodes its file row and column (row 0 at 89.875 N, column 0 at 179.875 W)
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                int row = (int) Math.round((89.875 - f.grid().lat(i)) / 0.25);
                int col = (int) Math.round((f.grid().lon(j) + 179.875) / 0.25);
                assertEquals(row * 10000 + col, f.value(i, j), 0.0, "cell " + i + "," + j);
            }
        }
    }

    /** Latitude descending like the ESA CCI files; value = row * 10000 + column, exact in float. */
    private static void writeGlobalField(Path file) throws IOException, InvalidRangeException {
        NetcdfFileWriter w = NetcdfFileWriter.createNew(NetcdfFileWriter.Version.netcdf3, file.toString());
        try {
            w.addDimension(null, "lat", NLAT);
            w.addDimension(null, "lon", NLON);
            Variable lat = w.addVariable(null, "lat", DataType.FLOAT, "lat");
            w.addVariableAttribute(lat, new Attribute("units", "degrees_north"));
            Variable lon = w.addVariable(null, "lon", DataType.FLOAT, "lon");
            w.addVariableAttribute(lon, new Attribute("units", "degrees_east"));
            Variable v = w.addVariable(null, "v", DataType.FLOAT, "lat lon");
            w.create();
            float[] la = new float[NLAT];
            float[] lo = new float[NLON];
            float[] values = new float[NLAT * NLON];
            for (int i = 0; i < NLAT; i++) {
                la[i] = 89.875f - 0.25f * i;
                for (int j = 0; j < NLON; j++) {
                    values[i * NLON + j] = i * 10000 + j;
                }
            }
            for (int j = 0; j < NLON; j++) {
                lo[j] = -179.875f + 0.25f * j;
            }
            w.write(lat, Array.factory(la));
            w.write(lon, Array.factory(lo));
            w.write(v, Array.factory(DataType.FLOAT, new int[] {NLAT, NLON}, values));
        } finally {
            w.close();
        }
    }
}
