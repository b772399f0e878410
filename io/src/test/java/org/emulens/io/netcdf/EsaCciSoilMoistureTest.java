package org.emulens.io.netcdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.emulens.io.TestFiles;
import org.emulens.io.grid.GeoBox;
import org.emulens.io.grid.GridField;
import org.emulens.io.products.ProductField;
import org.emulens.io.products.ProductReader;
import org.emulens.io.products.ProductSpecs;
import org.junit.jupiter.api.Test;

/**
 * The real ESA CCI SM PASSIVE v04.2 file of 27 December 2016 over Africa (lat -35..38, lon -18..52),
 * against netCDF4-python 1.6.2 with numpy 1.24, which gave (run from the project root):
 * <pre>
 * /usr/bin/python3 - &lt;&lt;'EOF'
 * import netCDF4, numpy as np
 * ds = netCDF4.Dataset('../shared/data/esa-cci-sm/ESACCI-SOILMOISTURE-L3S-SSMV-PASSIVE-20161227000000-fv04.2.nc')
 * lat = ds['lat'][:]; lon = ds['lon'][:]
 * li = np.where((lat &gt;= -35) &amp; (lat &lt;= 38))[0]; lj = np.where((lon &gt;= -18) &amp; (lon &lt;= 52))[0]
 * sm = ds['sm'][0][li][:, lj]; u = ds['sm_uncertainty'][0][li][:, lj]
 * fl = np.ma.filled(ds['flag'][0][li][:, lj], 127)
 * print(sm.shape, sm.count(), u.count(), int(((~np.ma.getmaskarray(sm)) &amp; (fl == 0)).sum()))
 * for la, lo in [(13.125, 2.125), (-20.125, 30.125), (0.125, 37.125), (-25.375, 25.625)]:
 *     i = int(np.where(np.isclose(lat, la))[0][0]); j = int(np.where(np.isclose(lon, lo))[0][0])
 *     print(la, lo, repr(float(ds['sm'][0, i, j])), repr(float(ds['sm_uncertainty'][0, i, j])))
 * EOF
 * (292, 280) 23762 23757 23762
 * 13.125 2.125 0.03591599687933922 0.027704548090696335
 * -20.125 30.125 0.28999999165534973 0.030515944585204124
 * 0.125 37.125 0.15921486914157867 0.02501465566456318
 * -25.375 25.625 0.2800000011920929 0.033528655767440796
 * </pre>
 * and, for cells whose flag is 2 (dense vegetation), 6 and 16: (37.625, 22.125), (10.875, 35.625) and
 * (37.875, -8.375). Values are float32 in the file and compared exactly.
 */
class EsaCciSoilMoistureTest {
    private static final Path FILE =
            TestFiles.sharedData("esa-cci-sm/ESACCI-SOILMOISTURE-L3S-SSMV-PASSIVE-20161227000000-fv04.2.nc");
    private static final GridRegion AFRICA = GridRegion.of(GeoBox.of(-35, 38, -18, 52));

    @Test
    void africaMatchesNetcdf4Python() {
        try (NetcdfGridFile f = NetcdfGridFile.open(FILE)) {
            GridField sm = f.read("sm", AFRICA);
            GridField u = f.read("sm_uncertainty", AFRICA);
            assertEquals(292, sm.grid().latCount());
            assertEquals(280, sm.grid().lonCount());
            assertEquals(23762, sm.validCount());
            assertEquals(23757, u.validCount());
            assertEquals(List.of(Instant.parse("2016-12-27T00:00:00Z")), sm.times());
            assertEquals("m3 m-3", sm.units());
            assertCell(sm, 13.125, 2.125, 0.03591599687933922f);
            assertCell(sm, -20.125, 30.125, 0.28999999165534973f);
            assertCell(sm, 0.125, 37.125, 0.15921486914157867f);
            assertCell(sm, -25.375, 25.625, 0.2800000011920929f);
            assertCell(u, 13.125, 2.125, 0.027704548090696335f);
            assertCell(u, -25.375, 25.625, 0.033528655767440796f);
            // latitude comes back ascending although the file stores it descending
            assertEquals(-34.875, sm.grid().lat(0), 1e-9);
            assertEquals(37.875, sm.grid().lat(291), 1e-9);
        }
    }

    @Test
    void theProductSpecMasksFlaggedCells() {
        ProductField p = ProductReader.read(FILE, ProductSpecs.esaCciSoilMoisture(), AFRICA);
        assertEquals(23762, p.value().validCount(), "valid sm with flag 0, as netCDF4-python counts");
        assertTrue(Float.isNaN(at(p.value(), 37.625, 22.125)), "flag 2");
        assertTrue(Float.isNaN(at(p.value(), 10.875, 35.625)), "flag 6");
        assertTrue(Float.isNaN(at(p.value(), 37.875, -8.375)), "flag 16");
        GridField sd = p.uncertainties().get(0).standardDeviation();
        assertEquals(23757, sd.validCount(), "an uncertainty only where there is a value");
        assertCell(sd, -20.125, 30.125, 0.030515944585204124f);
    }

    private static void assertCell(GridField f, double lat, double lon, float expected) {
        assertEquals(expected, at(f, lat, lon), 0.0f, f.name() + " at " + lat + ", " + lon);
    }

    private static float at(GridField f, double lat, double lon) {
        int i = (int) Math.round((lat - f.grid().lat(0)) / 0.25);
        int j = (int) Math.round((lon - f.grid().lon(0)) / 0.25);
        assertEquals(lat, f.grid().lat(i), 1e-6);
        assertEquals(lon, f.grid().lon(j), 1e-6);
        return f.value(0, i, j);
    }
}
