package org.emulens.io.netcdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.emulens.engine.EmulensException;
import org.emulens.io.TestFiles;
import org.emulens.io.grid.GeoBox;
import org.emulens.io.grid.LatLonGrid;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yaml.snakeyaml.Yaml;

/**
 * End to end: a CF file written by {@link CfGridWriter} in each format, opened by xarray and
 * netCDF4-python (Debian's /usr/bin/python3) and by {@code ncdump}, which must find the CF attributes,
 * the provenance, the coordinates, and missing cells as missing. Skipped, saying why, where those tools
 * are not installed.
 */
class CfGridWriterIT {
    private static final String PYTHON = "/usr/bin/python3";
    private static final LatLonGrid GRID = LatLonGrid.regular(GeoBox.of(-35, -34, 20, 20.75), 0.25);
    private static final List<Instant> TIMES =
            List.of(Instant.parse("2016-12-27T00:00:00Z"), Instant.parse("2016-12-28T12:00:00Z"));

    @BeforeAll
    static void needsXarray() throws Exception {
        String missing = run(List.of(PYTHON, "-c", "import xarray, netCDF4"));
        if (missing != null) {
            System.out.println("CfGridWriterIT: skipped, " + PYTHON + " cannot import xarray and netCDF4: " + missing);
        }
        Assumptions.assumeTrue(missing == null, "needs " + PYTHON + " with xarray and netCDF4");
    }

    @ParameterizedTest
    @EnumSource(NetcdfFormat.class)
    @SuppressWarnings("unchecked")
    void xarrayReadsTheCfFileAsWritten(NetcdfFormat format, @TempDir Path dir) throws Exception {
        if (format == NetcdfFormat.NETCDF4) {
            NetcdfCLibrary lib = NetcdfCLibrary.probe();
            if (!lib.isAvailable()) {
                System.out.println("CfGridWriterIT: NetCDF-4 case skipped: " + lib.description());
            }
            Assumptions.assumeTrue(lib.isAvailable(), lib.description());
        }
        int cells = GRID.cellCount();
        float[] mean = ramp(2 * cells, 0.1f, 0.001f);
        mean[3] = Float.NaN;
        float[] sd = ramp(2 * cells, 0.01f, 0.0001f);
        float[] pct = ramp(2 * 3 * cells, 0.05f, 0.0005f);
        float[] exceed = ramp(2 * 2 * cells, 0f, 0.01f);
        exceed[cells + 1] = Float.NaN;
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("emulens_version", "0.1.0-SNAPSHOT");
        provenance.put("backend", "cpu");
        provenance.put("device", "Java reference backend");
        provenance.put("model_sha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        provenance.put("seed", "20161227");
        provenance.put("members", "1000");
        provenance.put("input_files", "ESACCI-SOILMOISTURE-L3S-SSMV-PASSIVE-20161227000000-fv04.2.nc sha256:abc123");
        provenance.put("command_line", "emulens run study.yaml --plot");
        Path target = dir.resolve("result.nc");
        CfGridWriter.builder(GRID).title("Soil moisture stress over the Karoo").times(TIMES)
                .history("2024-05-01T10:00:00Z emulens run study.yaml").provenance(provenance).format(format)
                .field(OutputField.mean("beta_mean", "1", "soil moisture stress factor", mean))
                .field(OutputField.standardDeviation("beta_sd", "1", "soil moisture stress factor", sd))
                .field(OutputField.percentiles("beta_pct", "1", "soil moisture stress factor",
                        OutputAxis.percentiles(5, 50, 95), pct))
                .field(OutputField.exceedance("beta_exceed", "probability that beta exceeds the threshold",
                        OutputAxis.thresholds("beta_threshold", "1", 0.3, 0.6), exceed))
                .build().write(target);

        String json = capture(List.of(PYTHON, describer().toString(), target.toString()));
        Map<String, Object> seen = new Yaml().load(json);
        assertEquals(format == NetcdfFormat.NETCDF4 ? "NETCDF4" : "NETCDF3_64BIT_OFFSET", seen.get("data_model"));

        Map<String, Object> global = (Map<String, Object>) seen.get("global");
        assertEquals("CF-1.8", global.get("Conventions"));
        assertEquals("Soil moisture stress over the Karoo", global.get("title"));
        assertEquals("2024-05-01T10:00:00Z emulens run study.yaml", global.get("history"));
        provenance.forEach((k, v) -> assertEquals(v, global.get(k), "provenance " + k));

        Map<String, Map<String, Object>> coords = (Map<String, Map<String, Object>>) seen.get("coords");
        assertCoordinate(coords.get("lat"), "latitude", "degrees_north", "Y", GRID.latitudes());
        assertCoordinate(coords.get("lon"), "longitude", "degrees_east", "X", GRID.longitudes());
        assertEquals(List.of("2016-12-27T00:00:00Z", "2016-12-28T12:00:00Z"), coords.get("time").get("values"));
        Map<String, Object> timeAttrs = (Map<String, Object>) coords.get("time").get("attrs");
        assertEquals("T", timeAttrs.get("axis"));
        assertEquals("time", timeAttrs.get("standard_name"));
        assertEquals(List.of(5.0, 50.0, 95.0), coords.get("percentile").get("values"));
        assertEquals(List.of(0.3, 0.6), coords.get("beta_threshold").get("values"));

        Map<String, Map<String, Object>> vars = (Map<String, Map<String, Object>>) seen.get("vars");
        assertVariable(vars.get("beta_mean"), List.of("time", "lat", "lon"), "realization: mean", mean);
        assertVariable(vars.get("beta_sd"), List.of("time", "lat", "lon"), "realization: standard_deviation", sd);
        assertVariable(vars.get("beta_pct"), List.of("time", "percentile", "lat", "lon"), "realization: percentile",
                pct);
        assertVariable(vars.get("beta_exceed"), List.of("time", "beta_threshold", "lat", "lon"), "realization: mean",
                exceed);
        assertEquals(CfGridWriter.FILL_VALUE, ((Number) ((Map<String, Object>) seen.get("fill")).get("beta_mean"))
                .floatValue());
        assertEquals("probability that beta exceeds the threshold",
                ((Map<String, Object>) vars.get("beta_exceed").get("attrs")).get("long_name"));
        assertEquals("1", ((Map<String, Object>) vars.get("beta_exceed").get("attrs")).get("units"));

        assertNcdumpHeader(target, format);
    }

    @Test
    void aReadOnlyFolderGivesAClearErrorAndLeavesNothing(@TempDir Path parent) throws Exception {
        Path dir = Files.createDirectory(parent.resolve("read-only"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        boolean immutable = false;
        try {
            if (Files.isWritable(dir)) {
                // root may write anywhere; an immutable folder stops root too
                String failed = run(List.of("chattr", "+i", dir.toString()));
                immutable = failed == null;
                if (!immutable) {
                    System.out.println("CfGridWriterIT: read-only case skipped: running as root and chattr +i "
                            + "failed: " + failed);
                }
                Assumptions.assumeTrue(immutable && !Files.isWritable(dir), "no way to make a read-only folder");
            }
            Path target = dir.resolve("result.nc");
            for (NetcdfFormat format : NetcdfFormat.values()) {
                CfGridWriter w = NetcdfCLibraryTest.smallWriter().format(format).build();
                EmulensException e = assertThrows(EmulensException.class, () -> w.write(target));
                NetcdfGridFileErrorsTest.assertContains(e, target.toString(), "not writable");
            }
            try (Stream<Path> left = Files.list(dir)) {
                assertEquals(0, left.count(), "nothing is left in the folder");
            }
        } finally {
            if (immutable) {
                run(List.of("chattr", "-i", dir.toString()));
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @SuppressWarnings("unchecked")
    private static void assertCoordinate(Map<String, Object> c, String standardName, String units, String axis,
            double[] values) {
        Map<String, Object> attrs = (Map<String, Object>) c.get("attrs");
        assertEquals(standardName, attrs.get("standard_name"));
        assertEquals(units, attrs.get("units"));
        assertEquals(axis, attrs.get("axis"));
        List<Double> expected = new ArrayList<>();
        for (double v : values) {
            expected.add(v);
        }
        assertEquals(expected, c.get("values"));
    }

    @SuppressWarnings("unchecked")
    private static void assertVariable(Map<String, Object> v, List<String> dims, String cellMethods, float[] values) {
        assertEquals(dims, v.get("dims"));
        assertEquals(cellMethods, ((Map<String, Object>) v.get("attrs")).get("cell_methods"));
        List<Object> seen = (List<Object>) v.get("values");
        assertEquals(values.length, seen.size());
        for (int k = 0; k < values.length; k++) {
            if (Float.isNaN(values[k])) {
                assertNull(seen.get(k), "value " + k + " is missing in the file");
            } else {
                assertEquals(values[k], ((Number) seen.get(k)).floatValue(), 0.0f, "value " + k);
            }
        }
    }

    private static void assertNcdumpHeader(Path file, NetcdfFormat format) throws Exception {
        String kind = run(List.of("ncdump", "-k", file.toString()));
        if (kind != null && kind.startsWith("cannot run")) {
            System.out.println("CfGridWriterIT: ncdump checks skipped: " + kind);
            return;
        }
        assertEquals(format == NetcdfFormat.NETCDF4 ? "netCDF-4" : "64-bit offset",
                capture(List.of("ncdump", "-k", file.toString())).strip());
        String header = capture(List.of("ncdump", "-h", file.toString()));
        for (String line : List.of(":Conventions = \"CF-1.8\" ;", "beta_mean:cell_methods = \"realization: mean\" ;",
                "beta_mean:_FillValue = 9.96921e+36f ;", "lat:standard_name = \"latitude\" ;", "lat:axis = \"Y\" ;",
                "lon:units = \"degrees_east\" ;", "time:units = \"days since 1970-01-01 00:00:00\" ;",
                "float beta_pct(time, percentile, lat, lon) ;", ":model_sha256 = ")) {
            assertTrue(header.contains(line), "ncdump -h shows " + line + "\n" + header);
        }
    }

    private static float[] ramp(int n, float start, float step) {
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = start + k * step;
        }
        return v;
    }

    private static Path describer() {
        return TestFiles.resource(CfGridWriterIT.class, "describe_with_xarray.py");
    }

    /** Runs a command; null when it succeeded, else why not. */
    private static String run(List<String> command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? null : "exit " + p.exitValue() + ": " + out.strip();
        } catch (IOException ex) {
            return "cannot run " + command.get(0) + ": " + ex.getMessage();
        }
    }

    private static String capture(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), command + " failed: " + err);
        return out;
    }
}
