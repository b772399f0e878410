package org.emulens.io.jules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.emulens.engine.Activation;
import org.emulens.engine.DenseLayer;
import org.emulens.engine.Emulator;
import org.emulens.engine.Variable;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.cpu.CpuBackend;
import org.emulens.io.TestFiles;
import org.emulens.io.grid.GridField;
import org.emulens.io.netcdf.GridRegion;
import org.emulens.io.netcdf.NetcdfFormat;
import org.emulens.io.netcdf.NetcdfGridFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validation case of make_jules_files.py: JULES's fsmc for PFT p is the linear emulator plus a bias
 * PFT_BIAS[p] plus noise ±AMPLITUDE(i, j) alternating month by month, so the RMSE and bias per cell, per
 * PFT and per season follow from the construction (see the script's documentation).
 */
class JulesValidationTest {
    @TempDir
    static Path dir;

    /** Tolerance: fsmc is stored as float32 (about 3e-8 at 0.3) and the emulator runs in float32. */
    private static final double TOL = 1e-6;

    @BeforeAll
    static void files() throws Exception {
        JulesTestFiles.generate(dir);
    }

    /** beta = 0.01 theta - theta_wilt: the script's linear "emulator" on the names of models/beta.onnx. */
    static Emulator linear() {
        return Emulator.builder().name("linear-fsmc").input(Variable.of("theta", "kg m-2"))
                .input(Variable.of("theta_wilt", "m3 m-3")).output(Variable.of("beta", "1"))
                .layer(new DenseLayer(2, 1, new float[] {(float) JulesTestFiles.SLOPE, -1f}, new float[] {0f},
                        Activation.IDENTITY))
                .build();
    }

    static Map<String, JulesValidation.Source> inputs(Path dir) {
        return Map.of("theta", new JulesValidation.Source(dir.resolve("jules_land_output.nc"), "smcl",
                        Map.of("soil", 0)),
                "theta_wilt", new JulesValidation.Source(dir.resolve("jules_ancil_land.nc"), "sm_wilt",
                        Map.of("soil", 0)));
    }

    private static JulesValidation.Result run() {
        try (CpuBackend b = new CpuBackend(1); CompiledEmulator m = b.compile(linear(), TanhMode.EXACT)) {
            return JulesValidation.run(m, null, new JulesValidation.Source(dir.resolve("jules_grid_output.nc"), "fsmc",
                    Map.of()), inputs(dir));
        }
    }

    @Test
    void knownBiasAndNoiseComeBackPerCellPftAndSeason() {
        JulesValidation.Result r = run();
        assertEquals(5, r.groups().size(), "one group per PFT");
        assertEquals(16 * 12, r.evaluations(), "16 land cells x 12 months");
        double sumAmp = 0;
        double sumAmp2 = 0;
        int land = 0;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 5; j++) {
                if (!JulesTestFiles.isSea(i, j)) {
                    double a = JulesTestFiles.amplitude(i, j);
                    sumAmp += a;
                    sumAmp2 += a * a;
                    land++;
                }
            }
        }
        double meanAmp = sumAmp / land;
        double meanAmp2 = sumAmp2 / land;
        for (int p = 0; p < 5; p++) {
            JulesValidation.Group g = r.groups().get(p);
            assertEquals("pft" + (p + 1), g.name());
            double b = JulesTestFiles.PFT_BIAS[p];
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 5; j++) {
                    ValidationMetrics m = g.cells()[i * 5 + j];
                    if (JulesTestFiles.isSea(i, j)) {
                        assertEquals(0, m.count(), "sea cell " + i + "," + j);
                        continue;
                    }
                    double a = JulesTestFiles.amplitude(i, j);
                    assertEquals(12, m.count());
                    assertEquals(-b, m.bias(), TOL, "bias, cell " + i + "," + j);
                    assertEquals(Math.sqrt(b * b + a * a), m.rmse(), TOL, "rmse, cell " + i + "," + j);
                }
            }
            assertEquals(-b, g.total().bias(), TOL);
            assertEquals(Math.sqrt(b * b + meanAmp2), g.total().rmse(), TOL);
            // Months 0..11 carry signs +,-,+,...: DJF (months 11, 0, 1) and JJA average -1/3, MAM and SON +1/3.
            for (String season : JulesValidation.SEASONS) {
                double s = season.equals("DJF") || season.equals("JJA") ? -1.0 / 3 : 1.0 / 3;
                ValidationMetrics m = g.seasons().get(season);
                assertEquals(16 * 3, m.count());
                assertEquals(-(b + s * meanAmp), m.bias(), TOL, season);
                assertEquals(Math.sqrt(b * b + 2 * b * s * meanAmp + meanAmp2), m.rmse(), TOL, season);
            }
        }
    }

    @Test
    void mapsAndTableAreWrittenAndReadBack() throws Exception {
        JulesValidation.Result r = run();
        Path out = dir.resolve("validation/beta-vs-fsmc.nc");
        Files.createDirectories(out.getParent());
        List<Path> files = ValidationReport.write(r, out, Map.of("emulens_command_line", "test"),
                NetcdfFormat.NETCDF3_64BIT_OFFSET, true);
        assertTrue(files.contains(out.resolveSibling("beta-vs-fsmc_rmse_pft2.png")), files.toString());
        try (NetcdfGridFile f = NetcdfGridFile.open(out)) {
            GridField rmse = f.read("rmse_pft2", GridRegion.everywhere());
            assertEquals(Math.sqrt(0.02 * 0.02 + Math.pow(JulesTestFiles.amplitude(1, 3), 2)), rmse.value(1, 3), TOL);
            assertTrue(Float.isNaN(rmse.value(0, 0)), "sea stays missing");
        }
        try (ucar.nc2.NetcdfFile nc = ucar.nc2.NetcdfFile.open(out.toString())) {
            assertEquals("time: root_mean_square", nc.findVariable("rmse_pft2").findAttribute("cell_methods").getStringValue());
            assertEquals("time: mean", nc.findVariable("bias_pft2").findAttribute("cell_methods").getStringValue());
            // CF has no method for R² or correlation: no cell_methods rather than a wrong one.
            assertEquals(null, nc.findVariable("r2_pft2").findAttribute("cell_methods"));
            assertEquals(null, nc.findVariable("correlation_pft2").findAttribute("cell_methods"));
        }
        List<Map<String, String>> rows = TestFiles.csv(out.resolveSibling("beta-vs-fsmc.csv"));
        assertEquals(5 * 5, rows.size(), "5 PFTs x (all + 4 seasons)");
        assertEquals("pft3", rows.get(10).get("group"));
        assertEquals("all", rows.get(10).get("season"));
        assertEquals(-0.03, Double.parseDouble(rows.get(10).get("bias")), TOL);
    }

    @Test
    void aMissingInputOrOutputIsNamed() {
        try (CpuBackend b = new CpuBackend(1); CompiledEmulator m = b.compile(linear(), TanhMode.EXACT)) {
            JulesValidation.Source ref = new JulesValidation.Source(dir.resolve("jules_grid_output.nc"), "fsmc",
                    Map.of());
            JulesFormatException e = assertThrows(JulesFormatException.class, () -> JulesValidation.run(m, null, ref,
                    Map.of("theta", inputs(dir).get("theta"))));
            assertTrue(e.getMessage().contains("input 'theta_wilt' has no JULES variable"), e.getMessage());
            JulesFormatException o = assertThrows(JulesFormatException.class, () -> JulesValidation.run(m, "gpp", ref,
                    inputs(dir)));
            assertTrue(o.getMessage().contains("no output 'gpp'"), o.getMessage());
        }
    }
}
