package org.emulens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.emulens.cli.EmulensCommandTest.Run;
import org.emulens.engine.ModelFiles;
import org.emulens.engine.SystemPython;
import org.emulens.engine.backend.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code emulens season} on the real ESA CCI file: a CF file with provenance that xarray opens, and the same
 * numbers, bit for bit, from the OpenCL backend as from the CPU backend.
 */
class SeasonCommandIT {
    private static final Path SHARED = Path.of(System.getProperty("emulens.shared.dir", "../../shared"))
            .toAbsolutePath().normalize();
    private static final Path MODEL = EmulensCommandTest.project().resolve("models/soil_moisture_step.onnx");

    private static Path study(Path dir, String output, String backend) throws IOException {
        Path f = dir.resolve("season-" + backend + ".yaml");
        Files.writeString(f, "model: " + MODEL + "\nlags: 2\n"
                + "region: {lat: [-10, 20], lon: [0, 20]}\nresolution: 2.5\n"
                + "season: {start: 2016-12-27, days: 365}\n"
                + "initial_state:\n  product: esa-cci-sm\n"
                + "  file: " + SHARED.resolve("data/esa-cci-sm/ESACCI-SOILMOISTURE-L3S-SSMV-PASSIVE-20161227000000-fv04.2.nc")
                + "\n  error: {bounds: [0, 0.5]}\n"
                + "forcing: {synthetic: monsoon, weather: per-member, rain_sd: 0.2}\n"
                + "metrics: {variable: state, dry: {variable: state, below: 0.12}, min_amplitude: 0.03}\n"
                + "probabilities: {onset: [120, 150], dry_days: [150]}\n"
                + "members: 40\nseed: 9\nbackend: " + backend + "\ntanh: fast\ndaily: true\n"
                + "output: " + output + "\nplot: true\n");
        return f;
    }



    @Test
    void outputIsCfWithProvenanceAndOpenClGivesTheCpuNumbers(@TempDir Path dir) throws Exception {
        assumeTrue(SystemPython.has("xarray, netCDF4"), "skipped: /usr/bin/python3 lacks xarray/netCDF4 (scripts/setup.sh installs them)");
        Path cpuOut = dir.resolve("cpu.nc");
        Run r = EmulensCommandTest.run("season", study(dir, cpuOut.toString(), "cpu").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("wrote " + cpuOut), r.err());
        assertTrue(Files.exists(dir.resolve("cpu_daily.nc")));
        assertTrue(Files.exists(dir.resolve("cpu_onset_gt_120.png")));

        String hash = ModelFiles.read(MODEL).hash();
        String check = SystemPython.run("import xarray as xr, numpy as np\n"
                + "d = xr.open_dataset('" + cpuOut + "')\n"
                + "print(d.attrs['Conventions'], d.attrs['emulens_model_sha256'], d.attrs['emulens_seed'],"
                + " d.attrs['emulens_members'], d.attrs['emulens_backend'])\n"
                + "print(d['onset_exceedance'].dims, list(d['threshold_onset'].values), int(d.sizes['time']))\n"
                + "print('sha256:' in d.attrs['emulens_input_files'])\n"
                + "p = d['onset_exceedance'].values; m = d['onset_mean'].values\n"
                + "print(int(np.isfinite(m).sum()), bool(np.nanmin(p) >= 0), bool(np.nanmax(p) <= 1),"
                + " bool((p[:, 0] >= p[:, 1])[np.isfinite(p[:, 1])].all()))\n"
                + "b = d['climatological_bimodal'].values[0]; lat = d['lat'].values\n"
                + "print(int(np.nansum(b[np.abs(lat) < 4])), int(np.nansum(b[lat > 10])))\n"
                + "y = xr.open_dataset('" + dir.resolve("cpu_daily.nc") + "')\n"
                + "print(int(y.sizes['time']), bool(np.nanmax(y['state_mean'].values) <= 0.5))");
        String[] lines = check.split("\n");
        assertEquals("CF-1.8 " + hash + " 9 40 cpu", lines[0], check);
        assertEquals("('time', 'threshold_onset', 'lat', 'lon') [120.0, 150.0] 1", lines[1], check);
        assertEquals("True", lines[2]);
        String[] values = lines[3].split(" ");
        assertTrue(Integer.parseInt(values[0]) > 10, check);
        // probabilities in [0, 1], and P(onset > 120) >= P(onset > 150) in every cell
        assertEquals("True True True", lines[3].substring(lines[3].indexOf(' ') + 1), check);
        String[] bimodal = lines[4].split(" ");
        assertTrue(Integer.parseInt(bimodal[0]) > 0, "two seasons near the equator: " + check);
        assertEquals("0", bimodal[1], "one season north of 10 N: " + check);
        assertEquals("365 True", lines[5], check);

        boolean openCl = Backends.providers().stream().anyMatch(p -> p.name().equals("opencl") && p.probe().available());
        assumeTrue(openCl, "skipped the OpenCL half: no OpenCL device (scripts/setup.sh installs PoCL)");
        Path clOut = dir.resolve("opencl.nc");
        r = EmulensCommandTest.run("season", study(dir, clOut.toString(), "opencl").toString());
        assertEquals(0, r.code(), r.err());
        String diff = SystemPython.run("import xarray as xr, numpy as np\n"
                + "for s in ['', '_daily']:\n"
                + "    a = xr.open_dataset('" + dir.resolve("cpu") + "' + s + '.nc')\n"
                + "    b = xr.open_dataset('" + dir.resolve("opencl") + "' + s + '.nc')\n"
                + "    assert b.attrs['emulens_backend'] == 'opencl'\n"
                + "    for v in a.data_vars:\n"
                + "        x = a[v].values; y = b[v].values\n"
                + "        assert (np.isnan(x) == np.isnan(y)).all(), v\n"
                + "        print(v, float(np.nanmax(np.abs(x - y))) if np.isfinite(x).any() else 0.0)");
        for (String line : diff.split("\n")) {
            assertEquals(0.0, Double.parseDouble(line.split(" ")[1]), "CPU and OpenCL differ: " + diff);
        }
        assertTrue(diff.lines().count() > 40, diff);
    }
}
