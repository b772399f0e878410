package org.emulens.io.study.gpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.emulens.engine.SystemPython;
import org.emulens.io.grid.GeoBox;
import org.emulens.io.grid.LatLonGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthetic European inputs read onto a study grid, checked against numpy on the same files. */
class GppInputFilesIT {
    private static final Path PROJECT = Path.of(System.getProperty("emulens.project.dir", ".."))
            .toAbsolutePath().normalize();



    @Test
    void cellValuesAndLandCoverPixelsMatchNumpy(@TempDir Path dir) throws Exception {
        assumeTrue(SystemPython.has("numpy, netCDF4"), "skipped: /usr/bin/python3 lacks numpy/netCDF4 (scripts/setup.sh installs them)");
        SystemPython.run("import runpy, sys; sys.argv = ['x', '" + dir + "']; runpy.run_path('"
                + PROJECT.resolve("scripts/make_gpp_europe_inputs.py") + "', run_name='__main__')");
        LatLonGrid grid = LatLonGrid.regular(GeoBox.of(45, 50, 0, 5), 2.5);
        GppInputs in = GppInputFiles.readEo(dir, grid, 100);
        assertEquals(GppInputFiles.EO_FEATURES, in.features());
        // cell 3: lat 47.5-50, lon 2.5-5. numpy: area-weighted (cos lat) mean of the 0.25 degree cells inside,
        // the land-cover pixels inside and their class counts.
        String ref = SystemPython.run("import numpy as np; from netCDF4 import Dataset\n"
                + "d = Dataset('" + dir.resolve("lst.nc") + "'); lat = d['lat'][:]; lon = d['lon'][:]\n"
                + "i = (lat > 47.5) & (lat < 50); j = (lon > 2.5) & (lon < 5)\n"
                + "v = d['lst_min'][0][np.ix_(i, j)].astype(float); w = np.cos(np.radians(lat[i]))[:, None] * np.ones(v.shape)\n"
                + "print(repr(float((v * w).sum() / w.sum())))\n"
                + "c = Dataset('" + dir.resolve("landcover.nc") + "'); la = c['lat'][:]; lo = c['lon'][:]\n"
                + "k = c['lccs_class'][0][np.ix_((la > 47.5) & (la < 50), (lo > 2.5) & (lo < 5))].ravel()\n"
                + "u, n = np.unique(k, return_counts=True)\n"
                + "print(' '.join('%d:%d' % (a, b) for a, b in zip(u, n)))");
        String[] lines = ref.split("\n");
        assertEquals(Double.parseDouble(lines[0]), in.nominal(3, 0), 2e-3);
        int[] pixels = in.pixelClasses(3);
        StringBuilder counts = new StringBuilder();
        Arrays.stream(pixels).sorted().boxed().collect(java.util.stream.Collectors.groupingBy(x -> x,
                java.util.TreeMap::new, java.util.stream.Collectors.counting()))
                .forEach((k, n) -> counts.append(counts.length() == 0 ? "" : " ").append(k).append(':').append(n));
        assertEquals(lines[1], counts.toString());
        assertEquals(625, pixels.length);
        // LST carries all three error components, with the correlated one's length in degrees
        assertTrue(in.sigma(3, 0) > 0);
        assertEquals(100 / 111.32, in.correlationLengthDegrees(0), 1e-5);
        assertTrue(Float.isNaN(in.correlationLengthDegrees(2)));
    }
}
