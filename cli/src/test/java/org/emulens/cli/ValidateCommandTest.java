package org.emulens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.emulens.cli.EmulensCommandTest.Run;
import org.emulens.io.grid.GridField;
import org.emulens.io.netcdf.GridRegion;
import org.emulens.io.netcdf.NetcdfGridFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code emulens validate} on the files of scripts/jules/make_jules_files.py with models/beta.onnx: the
 * plumbing (which variable feeds which input, files written, table printed); the metrics themselves are
 * checked against known-by-construction values in io's JulesValidationTest.
 */
class ValidateCommandTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void files() throws Exception {
        Process check = new ProcessBuilder("/usr/bin/python3", "-c", "import numpy, netCDF4").redirectErrorStream(true)
                .start();
        String why = new String(check.getInputStream().readAllBytes()).trim();
        boolean ok = check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0;
        if (!ok) {
            System.out.println("ValidateCommandTest: skipped, /usr/bin/python3 cannot import numpy and netCDF4: " + why);
        }
        Assumptions.assumeTrue(ok, "needs /usr/bin/python3 with numpy and netCDF4");
        Process p = new ProcessBuilder("/usr/bin/python3", EmulensCommandTest.project()
                .resolve("scripts/jules/make_jules_files.py").toString(), dir.toString()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, out);
    }

    @Test
    void writesMapsTableAndPngsPerPft() throws Exception {
        Path out = dir.resolve("val/beta.nc");
        Files.createDirectories(out.getParent());
        Run r = EmulensCommandTest.run("validate", EmulensCommandTest.beta(), "--against",
                dir.resolve("jules_land_output.nc").toString(), "--variable", "fsmc", "--inputs",
                dir.resolve("jules_ancil_land.nc").toString(), "--input", "theta=sm_crit:soil=1", "--input",
                "theta_wilt=sm_wilt:soil=1", "--input", "theta_crit=sm_crit:soil=2", "-o", out.toString(),
                "--format", "netcdf3", "--plot", "--backend", "cpu");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("pft5") && r.out().contains("DJF"), r.out());
        assertTrue(Files.isRegularFile(out.resolveSibling("beta_rmse_pft1.png")));
        List<String> csv = Files.readAllLines(out.resolveSibling("beta.csv"));
        assertEquals("group,season,count,rmse,bias,r2,correlation", csv.get(0));
        assertEquals(1 + 5 * 5, csv.size());
        for (String line : csv.subList(1, csv.size())) {
            String[] c = line.split(",");
            // 16 land points, 12 months (all) or 3 (a season); an RMSE is never below the bias's size.
            assertEquals(c[1].equals("all") ? 192 : 48, Integer.parseInt(c[2]), line);
            assertTrue(Double.parseDouble(c[3]) >= Math.abs(Double.parseDouble(c[4])), line);
        }
        try (NetcdfGridFile f = NetcdfGridFile.open(out)) {
            GridField rmse = f.read("rmse_pft3", GridRegion.everywhere());
            assertEquals(16, rmse.validCount());
        }
    }

    @Test
    void anInputWithoutAVariableIsNamed() {
        Run r = EmulensCommandTest.run("validate", EmulensCommandTest.beta(), "--against",
                dir.resolve("jules_land_output.nc").toString(), "--variable", "fsmc", "--inputs",
                dir.resolve("jules_ancil_land.nc").toString(), "-o", dir.resolve("x.nc").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("model input 'theta': no file of --inputs") && r.err().contains("--input theta="),
                r.err());
    }
}
