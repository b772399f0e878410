package org.emulens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.emulens.cli.EmulensCommandTest.Run;
import org.emulens.engine.SystemPython;
import org.emulens.engine.backend.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code emulens gpp} on the synthetic European inputs of scripts/make_gpp_europe_inputs.py, the output
 * read back with xarray, and the same study on OpenCL (PoCL in CI) compared with the CPU's.
 */
class GppCommandIT {



    private static Run gpp(Path inputs, Path out, String backend) {
        return EmulensCommandTest.run("gpp", "--inputs", inputs.toString(), "--out", out.toString(),
                "--models", EmulensCommandTest.project().resolve("models/gpp_pft").toString(),
                "--backend", backend, "--step", "2.5", "--members", "64", "--sobol-samples", "16", "--seed", "5");
    }

    @Test
    void bothGppDistributionsAreWrittenAsCfAndOpenClAgreesWithTheCpu(@TempDir Path dir) throws Exception {
        assumeTrue(SystemPython.has("numpy, netCDF4, xarray"),
                "skipped: /usr/bin/python3 lacks numpy/netCDF4/xarray (scripts/setup.sh installs them)");
        Path inputs = dir.resolve("inputs");
        SystemPython.run("import runpy, sys; sys.argv = ['x', '" + inputs + "']; runpy.run_path('"
                + EmulensCommandTest.project().resolve("scripts/make_gpp_europe_inputs.py") + "', run_name='__main__')");
        Path cpu = dir.resolve("cpu");
        Run r = gpp(inputs, cpu, "cpu");
        assertEquals(0, r.code(), r.err());
        for (String f : new String[] {"gpp.nc", "summary.csv", "gpp_mixed_mean.png", "gpp_gridbox_mean.png",
            "dominant_input.png"}) {
            assertTrue(Files.size(cpu.resolve(f)) > 0, f);
        }
        String check = SystemPython.run("import xarray as xr, numpy as np\n"
                + "d = xr.open_dataset('" + cpu.resolve("gpp.nc") + "')\n"
                + "print(d.attrs['Conventions'], d.attrs['emulens_backend'], d.attrs['emulens_seed'],"
                + " d.attrs['emulens_members'], d.attrs['emulens_model_sha256'].count('gpp_'))\n"
                + "for v in ['gpp_gridbox', 'gpp_mixed']:\n"
                + "    m = d[v + '_mean']\n"
                + "    print(v, m.attrs['standard_name'], m.attrs['units'], m.attrs['cell_methods'],"
                + " d[v + '_percentile'].dims, int(np.isfinite(m.values).sum()))\n"
                + "f = d['dominant_input']\n"
                + "print(list(f.attrs['flag_values']), f.attrs['flag_meanings'])\n"
                + "print(float(abs(d['gpp_mixed_mean'].mean() - d['gpp_gridbox_mean'].mean())))");
        String[] lines = check.split("\n");
        assertEquals("CF-1.8 cpu 5 64 6", lines[0]);
        String cf = " gross_primary_productivity_of_biomass_expressed_as_carbon g m-2 d-1 realization: mean"
                + " ('percentile', 'lat', 'lon') 224";
        assertEquals("gpp_gridbox" + cf, lines[1]);
        assertEquals("gpp_mixed" + cf, lines[2]);
        assertEquals("[0.0, 1.0, 2.0, 3.0, 4.0, 5.0] lst_min lst_max ssm albedo_vis albedo_nir sw_down", lines[3]);
        // two emulators of the same formula: the grid-box one and the PFT ones mixed by fractions. Their
        // hold-out rmse is 0.2-0.35 g C m-2 d-1 (models/gpp_pft/*.yaml), so their domain means agree to well
        // within that
        assertTrue(Double.parseDouble(lines[4]) < 0.35, check);

        boolean openCl = Backends.providers().stream().anyMatch(p -> p.name().equals("opencl") && p.probe().available());
        assumeTrue(openCl, "skipped the OpenCL half: no OpenCL device (scripts/setup.sh installs PoCL)");
        Path cl = dir.resolve("opencl");
        r = gpp(inputs, cl, "opencl");
        assertEquals(0, r.code(), r.err());
        // The members are drawn on the host, so both backends evaluate the same rows; the forward passes differ
        // only in float rounding (exact tanh, a few ulp of GPP values below 20), so every statistic agrees to
        // 1e-4 g m-2 d-1, and Sobol' indices, functions of the same design outputs, to 1e-3.
        String diff = SystemPython.run("import xarray as xr, numpy as np\n"
                + "a = xr.open_dataset('" + cpu.resolve("gpp.nc") + "'); b = xr.open_dataset('" + cl.resolve("gpp.nc")
                + "')\n"
                + "assert b.attrs['emulens_backend'] == 'opencl'\n"
                + "for v in a.data_vars:\n"
                + "    if v.endswith('_bnds'): continue\n"
                + "    x = a[v].values; y = b[v].values\n"
                + "    assert (np.isnan(x) == np.isnan(y)).all(), v\n"
                + "    print(v, float(np.nanmax(np.abs(x - y))))");
        for (String line : diff.split("\n")) {
            String[] parts = line.split(" ");
            double tolerance = parts[0].startsWith("gpp_") ? 1e-4 : 1e-3;
            assertTrue(Double.parseDouble(parts[1]) <= tolerance, diff);
        }
    }
}
