package org.emulens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.emulens.cli.EmulensCommandTest.Run;
import org.emulens.engine.ModelFiles;
import org.emulens.engine.SystemPython;
import org.emulens.engine.backend.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code emulens run} on the real ESA CCI files, opened afterwards by independent tools. */
class RunCommandIT {
    private static final Path SHARED = Path.of(System.getProperty("emulens.shared.dir", "../../shared"))
            .toAbsolutePath().normalize();

    private static Path study(Path dir, String output, String backend) throws IOException {
        Path f = dir.resolve("study-" + backend + ".yaml");
        Files.writeString(f, "model: " + EmulensCommandTest.beta() + "\n"
                + "region: {lat: [10, 14], lon: [-2, 4]}\n"
                + "inputs:\n  theta:\n    product: esa-cci-sm\n"
                + "    files: " + SHARED.resolve("data/esa-cci-sm") + "/*2016122[78]*.nc\n"
                + "    error: {shape: truncated-gaussian, bounds: [0, 0.6]}\n"
                + "  theta_wilt: {value: 0.1, error: {shape: gaussian, sd: 0.01}}\n"
                + "  theta_crit: {value: 0.3}\n"
                + "members: 2000\nseed: 3\nbackend: " + backend + "\ntanh: fast\n"
                + "statistics: {quantiles: [0.05, 0.95], exceedance: [0.5]}\n"
                + "output: " + output + "\nplot: true\n");
        return f;
    }



    @Test
    void outputIsCfWithProvenanceAndOpenClGivesTheCpuResults(@TempDir Path dir) throws Exception {
        assumeTrue(SystemPython.has("xarray, netCDF4"), "skipped: /usr/bin/python3 lacks xarray/netCDF4 (scripts/setup.sh installs them)");
        Path cpuOut = dir.resolve("cpu.nc");
        Run r = EmulensCommandTest.run("run", study(dir, cpuOut.toString(), "cpu").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("wrote " + cpuOut), r.err());
        assertTrue(Files.exists(dir.resolve("cpu_beta_mean_t0.png")));

        String hash = ModelFiles.read(Path.of(EmulensCommandTest.beta())).hash();
        String attrs = SystemPython.run("import xarray as xr\n"
                + "d = xr.open_dataset('" + cpuOut + "')\n"
                + "print(d.attrs['Conventions'], d.attrs['emulens_model_sha256'], d.attrs['emulens_seed'],"
                + " d.attrs['emulens_members'], d.attrs['emulens_backend'])\n"
                + "print(d['beta_mean'].attrs['cell_methods'], d['beta_mean'].dims, int(d.sizes['time']))\n"
                + "print('sha256:' in d.attrs['emulens_input_files'])\n"
                + "m = d['beta_mean'].values; import numpy as np\n"
                + "print(int(np.isfinite(m).sum()), float(np.nanmin(m)) >= -0.02, float(np.nanmax(m)) <= 1.02)");
        String[] lines = attrs.split("\n");
        assertEquals("CF-1.8 " + hash + " 3 2000 cpu", lines[0]);
        assertEquals("realization: mean ('time', 'lat', 'lon') 2", lines[1]);
        assertEquals("True", lines[2]);
        assertTrue(Integer.parseInt(lines[3].split(" ")[0]) > 50, attrs);
        // beta lies in [0, 1]; the emulator's largest error against its formula is 0.0135 (models/beta.yaml).
        assertTrue(lines[3].endsWith("True True"), attrs);

        Process ncdump = new ProcessBuilder("ncdump", "-h", cpuOut.toString()).redirectErrorStream(true).start();
        String header = new String(ncdump.getInputStream().readAllBytes());
        assertTrue(header.contains(":Conventions = \"CF-1.8\"") && header.contains("emulens_device"), header);

        boolean openCl = Backends.providers().stream().anyMatch(p -> p.name().equals("opencl") && p.probe().available());
        assumeTrue(openCl, "skipped the OpenCL half: no OpenCL device (scripts/setup.sh installs PoCL)");
        Path clOut = dir.resolve("opencl.nc");
        r = EmulensCommandTest.run("run", study(dir, clOut.toString(), "opencl").toString());
        assertEquals(0, r.code(), r.err());
        // Same members drawn on the host; the forward pass with fast tanh is bit-identical on OpenCL, so the
        // statistics agree to float rounding of their accumulation at most.
        String diff = SystemPython.run("import xarray as xr, numpy as np\n"
                + "a = xr.open_dataset('" + cpuOut + "'); b = xr.open_dataset('" + clOut + "')\n"
                + "for v in ['beta_mean', 'beta_sd', 'beta_exceedance', 'beta_percentile']:\n"
                + "    x = a[v].values; y = b[v].values\n"
                + "    assert (np.isnan(x) == np.isnan(y)).all(), v\n"
                + "    print(v, float(np.nanmax(np.abs(x - y))))");
        for (String line : diff.split("\n")) {
            assertTrue(Double.parseDouble(line.split(" ")[1]) <= 1e-6, diff);
        }
    }

    @Test
    void readOnlyOutputFolderIsAClearErrorAndLeavesNothing(@TempDir Path dir) throws Exception {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Process chattr = new ProcessBuilder("chattr", "+i", locked.toString()).redirectErrorStream(true).start();
        chattr.getInputStream().readAllBytes();
        boolean immutable = chattr.waitFor(10, TimeUnit.SECONDS) && chattr.exitValue() == 0;
        if (!immutable) {
            locked.toFile().setWritable(false);
            immutable = !Files.isWritable(locked);
        }
        assumeTrue(immutable, "skipped: cannot make a folder read-only here");
        try {
            Run r = EmulensCommandTest.run("run", study(dir, locked.resolve("out.nc").toString(), "cpu").toString());
            assertEquals(1, r.code());
            assertTrue(r.err().contains("locked"), r.err());
            try (var files = Files.list(locked)) {
                assertEquals(0, files.count());
            }
        } finally {
            new ProcessBuilder("chattr", "-i", locked.toString()).start().waitFor();
            locked.toFile().setWritable(true);
        }
        assertFalse(Files.exists(locked.resolve("out.nc")));
    }
}
