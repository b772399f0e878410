package org.emulens.io.season;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.emulens.ensemble.seasonal.SyntheticMonsoonForcing;
import org.emulens.ensemble.seasonal.WeatherNoise;
import org.emulens.io.grid.GeoBox;
import org.emulens.io.grid.GridField;
import org.emulens.io.grid.LatLonGrid;
import org.emulens.io.netcdf.CfGridWriter;
import org.emulens.io.netcdf.GridRegion;
import org.emulens.io.netcdf.NetcdfFormat;
import org.emulens.io.netcdf.NetcdfGridFile;
import org.emulens.io.netcdf.OutputField;
import org.emulens.io.study.StudyConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forcing read from daily CF files: files holding the synthetic forcing's own noise-free values, on the study
 * grid, must give exactly the study that uses the synthetic forcing without noise. Bad files are clear errors.
 */
class SeasonFileForcingTest {
    private static final Path MODEL = Path.of("..", "models", "soil_moisture_step.onnx").toAbsolutePath().normalize();
    private static final Path CCI = Path.of(System.getProperty("emulens.shared.dir", "../shared"), "data", "esa-cci-sm",
            "ESACCI-SOILMOISTURE-L3S-SSMV-PASSIVE-20161227000000-fv04.2.nc").toAbsolutePath().normalize();
    private static final LocalDate START = LocalDate.of(2016, 12, 27);
    private static final int DAYS = 365;
    private static final GeoBox BOX = GeoBox.of(-10, 20, 0, 20);

    @TempDir
    Path dir;

    @Test
    void filesOfTheSyntheticValuesGiveTheSyntheticStudy() throws Exception {
        writeForcing("mm d-1", DAYS);
        // Without 'lags' the model's metadata gives the window (2), as the other study states it.
        Path synthetic = Files.writeString(dir.resolve("synthetic.yaml"), Files.readString(
                study("synthetic", "forcing: {synthetic: monsoon, weather: none}\n")).replace("lags: 2\n", ""));
        Path files = study("files", filesForcing());
        new SeasonStudyRunner(SeasonStudyFile.read(synthetic), "cpu", "test").run();
        new SeasonStudyRunner(SeasonStudyFile.read(files), "cpu", "test").run();
        int compared = 0;
        for (String v : List.of("climatological_mean", "climatological_harmonic_ratio", "onset_mean", "onset_sd",
                "cessation_mean", "season_length_mean", "dry_days_mean", "longest_dry_spell_sd")) {
            float[] a = read(dir.resolve("synthetic.nc"), v);
            float[] b = read(dir.resolve("files.nc"), v);
            assertArrayEquals(a, b, v);
            for (float x : a) {
                compared += Float.isNaN(x) ? 0 : 1;
            }
        }
        assertArrayEquals(read(dir.resolve("synthetic_daily.nc"), "state_mean"), read(dir.resolve("files_daily.nc"),
                "state_mean"), "daily state");
        assertTrue(compared > 100, compared + " values compared");
    }

    @Test
    void wrongUnitsAndMissingDaysAreClearErrors() throws Exception {
        writeForcing("kg m-2 s-1", DAYS);
        StudyConfigException ex = assertThrows(StudyConfigException.class,
                () -> new SeasonStudyRunner(SeasonStudyFile.read(study("units", filesForcing())), "cpu", "t").run());
        assertTrue(ex.getMessage().contains("precip_a.nc") && ex.getMessage().contains("expected units mm d-1")
                && ex.getMessage().contains("found kg m-2 s-1"), ex.getMessage());
        writeForcing("mm d-1", 300);
        ex = assertThrows(StudyConfigException.class,
                () -> new SeasonStudyRunner(SeasonStudyFile.read(study("short", filesForcing())), "cpu", "t").run());
        assertTrue(ex.getMessage().contains("forcing 'precip'") && ex.getMessage().contains("found none for "
                + START.plusDays(300)), ex.getMessage());
    }

    private String filesForcing() {
        return "forcing:\n  files:\n    precip: {variable: rain, files: precip_*.nc}\n"
                + "    pet: {files: pet.nc}\n";
    }

    private Path study(String name, String forcing) throws Exception {
        return Files.writeString(dir.resolve(name + ".yaml"), "model: " + MODEL + "\nlags: 2\n"
                + "region: {lat: [-10, 20], lon: [0, 20]}\nresolution: 2.5\n"
                + "season: {start: " + START + ", days: " + DAYS + "}\n"
                + "initial_state: {product: esa-cci-sm, file: " + CCI + ", error: {bounds: [0, 0.5]}}\n"
                + forcing
                + "metrics: {dry: {below: 0.12}, min_amplitude: 0.03}\n"
                + "members: 12\nseed: 5\nbackend: cpu\ntanh: fast\ndaily: true\nformat: netcdf3\n"
                + "output: " + name + ".nc\n");
    }

    /** precip (as 'rain') in two files split at day 200, pet in one, on the study grid. */
    private void writeForcing(String precipUnits, int days) {
        LatLonGrid grid = LatLonGrid.regular(BOX, 2.5);
        int cells = grid.cellCount();
        double[] lat = new double[cells];
        for (int c = 0; c < cells; c++) {
            lat[c] = grid.lat(c / grid.lonCount());
        }
        SyntheticMonsoonForcing f = new SyntheticMonsoonForcing(5, lat, START.getDayOfYear(), WeatherNoise.NONE);
        float[][] values = new float[2][days * cells];
        float[] day = new float[2];
        List<Instant> times = new ArrayList<>();
        for (int d = 1; d <= days; d++) {
            times.add(START.plusDays(d - 1).atStartOfDay(ZoneOffset.UTC).toInstant());
            for (int c = 0; c < cells; c++) {
                f.climatology(c, d, day, 0);
                values[0][(d - 1) * cells + c] = day[0];
                values[1][(d - 1) * cells + c] = day[1];
            }
        }
        int split = Math.min(200, days);
        write(grid, times.subList(0, split), "rain", precipUnits, java.util.Arrays.copyOf(values[0], split * cells),
                dir.resolve("precip_a.nc"));
        write(grid, times.subList(split, days), "rain", precipUnits,
                java.util.Arrays.copyOfRange(values[0], split * cells, days * cells), dir.resolve("precip_b.nc"));
        write(grid, times, "pet", "mm d-1", values[1], dir.resolve("pet.nc"));
    }

    private static void write(LatLonGrid grid, List<Instant> times, String name, String units, float[] v, Path p) {
        CfGridWriter.builder(grid).times(times).title("test forcing").history("test")
                .format(NetcdfFormat.NETCDF3_64BIT_OFFSET)
                .field(OutputField.builder(name, v).units(units).longName(name).cellMethods("time: mean").build())
                .build().write(p);
    }

    private static float[] read(Path file, String variable) {
        try (NetcdfGridFile nc = NetcdfGridFile.open(file)) {
            GridField f = nc.read(variable, GridRegion.everywhere());
            return f.values();
        }
    }
}
