package org.emulens.io.season;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.emulens.io.grid.GridField;
import org.emulens.io.netcdf.GridRegion;
import org.emulens.io.netcdf.NetcdfGridFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cell's members draw as its place on the global grid: two overlapping regions agree where they overlap. */
class SeasonRegionTest {
    private static final Path MODEL = Path.of("..", "models", "soil_moisture_step.onnx").toAbsolutePath().normalize();
    private static final Path CCI = Path.of(System.getProperty("emulens.shared.dir", "../shared"), "data", "esa-cci-sm",
            "ESACCI-SOILMOISTURE-L3S-SSMV-PASSIVE-20161227000000-fv04.2.nc").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void overlappingRegionsGiveTheSameCells() throws Exception {
        run("a", "[-10, 20]", "[0, 20]");
        run("b", "[-5, 20]", "[5, 25]");
        int compared = 0;
        for (String v : new String[] {"onset_mean", "onset_sd", "dry_days_mean", "harmonic_ratio_mean"}) {
            GridField a = read(dir.resolve("a.nc"), v);
            GridField b = read(dir.resolve("b.nc"), v);
            for (int i = 0; i < b.grid().latCount(); i++) {
                for (int j = 0; j < b.grid().lonCount(); j++) {
                    int ia = index(a.grid().latitudes(), b.grid().lat(i));
                    int ja = index(a.grid().longitudes(), b.grid().lon(j));
                    if (ia < 0 || ja < 0) {
                        continue;
                    }
                    float x = a.value(0, ia, ja);
                    assertEquals(x, b.value(0, i, j), 0f, v + " at " + b.grid().lat(i) + ", " + b.grid().lon(j));
                    compared += Float.isNaN(x) ? 0 : 1;
                }
            }
        }
        assertTrue(compared > 50, compared + " values compared");
    }

    private static int index(double[] axis, double value) {
        for (int k = 0; k < axis.length; k++) {
            if (Math.abs(axis[k] - value) < 1e-9) {
                return k;
            }
        }
        return -1;
    }

    private void run(String name, String lat, String lon) throws Exception {
        Path f = Files.writeString(dir.resolve(name + ".yaml"), "model: " + MODEL + "\n"
                + "region: {lat: " + lat + ", lon: " + lon + "}\nresolution: 2.5\n"
                + "season: {start: 2016-12-27, days: 365}\n"
                + "initial_state: {product: esa-cci-sm, file: " + CCI + ", error: {bounds: [0, 0.5]}}\n"
                + "forcing: {synthetic: monsoon, weather: per-member, rain_sd: 0.2}\n"
                + "metrics: {dry: {below: 0.12}, min_amplitude: 0.03}\n"
                + "members: 10\nseed: 77\nbackend: cpu\ntanh: fast\nformat: netcdf3\noutput: " + name + ".nc\n");
        new SeasonStudyRunner(SeasonStudyFile.read(f), null, "test").run();
    }

    private static GridField read(Path file, String variable) {
        try (NetcdfGridFile nc = NetcdfGridFile.open(file)) {
            return nc.read(variable, GridRegion.everywhere());
        }
    }
}
