package org.emulens.io.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.emulens.engine.Activation;
import org.emulens.engine.DenseLayer;
import org.emulens.engine.Emulator;
import org.emulens.engine.Variable;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.cpu.CpuBackend;
import org.emulens.io.grid.GridField;
import org.emulens.io.jules.JulesFormatException;
import org.emulens.io.jules.JulesTestFiles;
import org.emulens.io.jules.JulesValidation;
import org.emulens.io.jules.ValidationReport;
import org.emulens.io.netcdf.GridRegion;
import org.emulens.io.netcdf.NetcdfFormat;
import org.emulens.io.netcdf.NetcdfGridFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Studies whose inputs are JULES ancillary variables (make_jules_files.py), with and without the emulator's
 * own error. The model is y = 2 theta − theta_wilt, theta = sm_crit (layer 1) with a Gaussian error of sd
 * 0.02, theta_wilt = sm_wilt (layer 1), so var(y) = (2 · 0.02)² and mean(y) = sm_wilt + 0.4 by the script's
 * sm_crit = sm_wilt + 0.2. An emulator error of sd s adds s² to the variance and nothing to the mean.
 *
 * <p>Sampling error and false-failure rate: with N = 20,000 members the two runs share their input draws,
 * so var_with − var_without = ŝ²_E + 2 ĉov(Y, E), whose sd is sqrt(2 s⁴ / N + 4 var(y) s² / N) (3.8e-5 for
 * s = 0.05). Each cell is held to 4.5 of those sds: a correct implementation fails a cell with probability
 * 6.8e-6, all 16 cells with at most 1.1e-4, and the per-cell map case likewise (the seed is fixed, so a run
 * either always passes or always fails).
 */
class EmulatorErrorStudyTest {
    @TempDir
    static Path dir;

    private static final int MEMBERS = 20_000;
    private static final double INPUT_SD = 0.02;

    @BeforeAll
    static void files() throws Exception {
        JulesTestFiles.generate(dir);
        Files.copy(Path.of(System.getProperty("emulens.project.dir", "..")).toAbsolutePath().normalize()
                .resolve("models/beta.onnx"), dir.resolve("beta.onnx"));
    }

    private static Emulator linear() {
        return Emulator.builder().name("linear").input(Variable.of("theta", "m3 m-3"))
                .input(Variable.of("theta_wilt", "m3 m-3")).input(Variable.of("theta_crit", "m3 m-3"))
                .output(Variable.of("y", "m3 m-3"))
                .layer(new DenseLayer(3, 1, new float[] {2f, -1f, 0f}, new float[] {0f}, Activation.IDENTITY)).build();
    }

    private static Path study(String name, String extra) throws IOException {
        Path f = dir.resolve(name + ".yaml");
        Files.writeString(f, "name: " + name + "\nmodel: beta.onnx\nregion: {lat: [-3, -1], lon: [20, 22.5]}\n"
                + "inputs:\n"
                + "  theta:\n    product: jules\n    files: jules_ancil_land.nc\n    variable: sm_crit\n    layer: 1\n"
                + "    error: {shape: gaussian, sd: " + INPUT_SD + "}\n"
                + "  theta_wilt: {product: jules, files: jules_ancil_land.nc, variable: sm_wilt, layer: 1}\n"
                + "  theta_crit: {value: 0.3}\n"
                + "members: " + MEMBERS + "\nseed: 11\nformat: netcdf3\nstatistics: {quantiles: []}\n"
                + "output: out/" + name + ".nc\n" + extra);
        return f;
    }

    private static GridField[] run(Path file) {
        Study s = StudyFile.read(file, linear());
        try (CpuBackend b = new CpuBackend(2)) {
            Path out = new StudyRunner(s, linear(), b, "test").run(false, null).output();
            try (NetcdfGridFile nc = NetcdfGridFile.open(out)) {
                return new GridField[] {nc.read("y_mean", GridRegion.everywhere()), nc.read("y_sd", GridRegion.everywhere())};
            }
        }
    }

    private static double wilt(int i, int j) {
        return 0.05 + 0.01 * ((i * 5 + j) % 7);
    }

    @Test
    void aConstantEmulatorErrorAddsItsVarianceAndNotItsMean() throws IOException {
        GridField[] plain = run(study("plain", ""));
        GridField[] withError = run(study("with-error", "emulator_error: {sd: 0.05}\n"));
        double s2 = 0.05 * 0.05;
        double vy = Math.pow(2 * INPUT_SD, 2);
        double sdOfDifference = Math.sqrt(2 * s2 * s2 / MEMBERS + 4 * vy * s2 / MEMBERS);
        int land = 0;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 5; j++) {
                if (JulesTestFiles.isSea(i, j)) {
                    assertTrue(Float.isNaN(plain[0].value(i, j)), "sea cell " + i + "," + j + " is not run");
                    continue;
                }
                land++;
                // the JULES inputs arrived in the right cells: mean y = sm_wilt + 0.4
                assertEquals(wilt(i, j) + 0.4, plain[0].value(i, j), 4.5 * 2 * INPUT_SD / Math.sqrt(MEMBERS));
                assertEquals(vy, Math.pow(plain[1].value(i, j), 2), 4.5 * vy * Math.sqrt(2.0 / MEMBERS));
                double grew = Math.pow(withError[1].value(i, j), 2) - Math.pow(plain[1].value(i, j), 2);
                assertEquals(s2, grew, 4.5 * sdOfDifference, "variance growth at " + i + "," + j);
                assertEquals(plain[0].value(i, j), withError[0].value(i, j), 4.5 * 0.05 / Math.sqrt(MEMBERS));
            }
        }
        assertEquals(16, land);
    }

    @Test
    void theRmseMapOfAValidationIsTheErrorCellByCell() throws IOException {
        // fsmc of PFT 1 = linear emulator + 0.01 + ±amplitude(i, j): rmse(i, j) = sqrt(0.01² + amplitude²)
        Path map = dir.resolve("validation.nc");
        Emulator v = Emulator.builder().name("linear-fsmc").input(Variable.of("theta", "kg m-2"))
                .input(Variable.of("theta_wilt", "m3 m-3")).output(Variable.of("beta", "1"))
                .layer(new DenseLayer(2, 1, new float[] {0.01f, -1f}, new float[] {0f}, Activation.IDENTITY)).build();
        try (CpuBackend b = new CpuBackend(1); CompiledEmulator m = b.compile(v, TanhMode.EXACT)) {
            JulesValidation.Result r = JulesValidation.run(m, null, new JulesValidation.Source(
                    dir.resolve("jules_land_output.nc"), "fsmc", Map.of("pft", 0)), Map.of(
                    "theta", new JulesValidation.Source(dir.resolve("jules_grid_output.nc"), "smcl", Map.of("soil", 0)),
                    "theta_wilt", new JulesValidation.Source(dir.resolve("jules_ancil_land.nc"), "sm_wilt",
                            Map.of("soil", 0))));
            ValidationReport.write(r, map, Map.of(), NetcdfFormat.NETCDF3_64BIT_OFFSET, false);
        }
        GridField[] plain = run(study("plain-for-map", ""));
        GridField[] withMap = run(study("with-map", "emulator_error: {file: validation.nc, variable: rmse}\n"));
        double vy = Math.pow(2 * INPUT_SD, 2);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 5; j++) {
                if (JulesTestFiles.isSea(i, j)) {
                    continue;
                }
                double s2 = 0.01 * 0.01 + Math.pow(JulesTestFiles.amplitude(i, j), 2);
                double sdOfDifference = Math.sqrt(2 * s2 * s2 / MEMBERS + 4 * vy * s2 / MEMBERS);
                double grew = Math.pow(withMap[1].value(i, j), 2) - Math.pow(plain[1].value(i, j), 2);
                assertEquals(s2, grew, 4.5 * sdOfDifference, "variance growth at " + i + "," + j);
            }
        }
    }

    @Test
    void aJulesSoilParameterCanBeUncertainLikeAParameter() throws IOException {
        // sm_wilt with a systematic error of sd 0.01: one draw per member shared by all cells, so var(y) gains
        // 0.01², and cells move together (their means differ only by sm_wilt). 4.5 sds of the sample variance.
        Path f = study("parameter", "").resolveSibling("parameter.yaml");
        Files.writeString(f, Files.readString(f).replace("variable: sm_wilt, layer: 1}",
                "variable: sm_wilt, layer: 1, error: {sd: 0, systematic_sd: 0.01}}"));
        GridField[] r = run(f);
        double var = Math.pow(2 * INPUT_SD, 2) + 0.01 * 0.01;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 5; j++) {
                if (!JulesTestFiles.isSea(i, j)) {
                    assertEquals(var, Math.pow(r[1].value(i, j), 2), 4.5 * var * Math.sqrt(2.0 / MEMBERS));
                }
            }
        }
    }

    @Test
    void aJulesInputWithManyTimeStepsMustChooseOne() throws IOException {
        Path f = dir.resolve("times.yaml");
        Files.writeString(f, "model: beta.onnx\nregion: {lat: [-3, -1], lon: [20, 22.5]}\ninputs:\n"
                + "  theta: {product: jules, files: jules_land_output.nc, variable: smcl, layer: 1}\n"
                + "  theta_wilt: {product: jules, files: jules_ancil_land.nc, variable: sm_wilt, layer: 1}\n"
                + "  theta_crit: {value: 0.3}\nmembers: 10\noutput: out/t.nc\nformat: netcdf3\n");
        StudyConfigException e = org.junit.jupiter.api.Assertions.assertThrows(StudyConfigException.class,
                () -> run(f));
        assertTrue(e.getMessage().contains("has 12 time steps") && e.getMessage().contains("'time: N'"),
                e.getMessage());
        Files.writeString(f, Files.readString(f).replace("layer: 1}\n  theta_wilt", "layer: 1, time: 3}\n  theta_wilt"));
        GridField[] march = run(f);
        assertEquals(16, march[0].validCount());
        Files.writeString(f, Files.readString(f).replace("variable: smcl, layer: 1, time: 3", "variable: smcl"));
        JulesFormatException noLayer = org.junit.jupiter.api.Assertions.assertThrows(JulesFormatException.class,
                () -> run(f));
        assertTrue(noLayer.getMessage().contains("4 elements along 'soil'"), noLayer.getMessage());
    }
}
