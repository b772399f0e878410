package org.emulens.io.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.emulens.engine.Activation;
import org.emulens.engine.DenseLayer;
import org.emulens.engine.Emulator;
import org.emulens.engine.EmulensException;
import org.emulens.engine.Variable;
import org.emulens.engine.cpu.CpuBackend;
import org.emulens.io.grid.GeoBox;
import org.emulens.io.grid.GridField;
import org.emulens.io.netcdf.GridRegion;
import org.emulens.io.netcdf.NetcdfGridFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end studies on the real ESA CCI soil-moisture files, with a linear model so that the output
 * distribution is known from error propagation.
 */
class StudyRunIT {
    private static final Path SHARED = Path.of(System.getProperty("emulens.shared.dir", "../../shared"))
            .toAbsolutePath().normalize();
    private static final Path PROJECT = Path.of(System.getProperty("emulens.project.dir", "..")).toAbsolutePath()
            .normalize();
    private static final String DAY1 = "ESACCI-SOILMOISTURE-L3S-SSMV-PASSIVE-20161227000000-fv04.2.nc";

    /** y = 2 theta - theta_wilt + 0 theta_crit, on the beta model's input names. */
    private static Emulator linear() {
        return Emulator.builder().name("linear").input(Variable.of("theta", "m3 m-3"))
                .input(Variable.of("theta_wilt", "m3 m-3")).input(Variable.of("theta_crit", "m3 m-3"))
                .output(Variable.of("y", "m3 m-3"))
                .layer(new DenseLayer(3, 1, new float[] {2f, -1f, 0f}, new float[] {0f}, Activation.IDENTITY)).build();
    }

    private static Path study(Path dir, String files, String region, long members, String extra) throws IOException {
        Files.copy(PROJECT.resolve("models/beta.onnx"), dir.resolve("beta.onnx"));
        Path f = dir.resolve("study.yaml");
        Files.writeString(f, "name: test\nmodel: beta.onnx\nregion: " + region + "\n"
                + "inputs:\n"
                + "  theta:\n    product: esa-cci-sm\n    files: " + SHARED.resolve("data/esa-cci-sm") + "/" + files + "\n"
                + "    error: {shape: gaussian}\n"
                + "  theta_wilt: {value: 0.1, error: {shape: gaussian, sd: 0.01}}\n"
                + "  theta_crit: {value: 0.3}\n"
                + "members: " + members + "\nseed: 7\nstatistics: {quantiles: [0.5], exceedance: [0.4]}\n"
                + "output: out/result.nc\n" + extra);
        return f;
    }

    private static StudyRunner.Result run(Path file, boolean resume, StudyRunner.Progress progress) {
        Study s = StudyFile.read(file, linear());
        try (CpuBackend b = new CpuBackend(2)) {
            return new StudyRunner(s, linear(), b, "test").run(resume, progress);
        }
    }

    private static GridField read(Path nc, String variable) {
        try (NetcdfGridFile f = NetcdfGridFile.open(nc)) {
            return f.read(variable, GridRegion.everywhere());
        }
    }

    @Test
    void meanAndSdFollowErrorPropagationAndFillStaysFill(@TempDir Path dir) throws IOException {
        // A Sahel box: lat 12..14, lon 0..4.
        Path file = study(dir, DAY1, "{lat: [12, 14], lon: [0, 4]}", 4000, "");
        StudyRunner.Result r = run(file, false, null);
        GridField mean = read(r.output(), "y_mean");
        GridField sd = read(r.output(), "y_sd");
        GridField sm;
        GridField unc;
        GridField flag;
        try (NetcdfGridFile f = NetcdfGridFile.open(SHARED.resolve("data/esa-cci-sm/" + DAY1))) {
            GridRegion box = GridRegion.of(GeoBox.of(12, 14, 0, 4));
            sm = f.read("sm", box);
            unc = f.read("sm_uncertainty", box);
            flag = f.read("flag", box);
        }
        assertEquals(sm.grid().cellCount(), mean.grid().cellCount());
        int checked = 0;
        for (int c = 0; c < sm.values().length; c++) {
            float x = sm.values()[c];
            boolean valid = !Float.isNaN(x) && flag.values()[c] == 0f && !Float.isNaN(unc.values()[c]);
            if (!valid) {
                assertTrue(Float.isNaN(mean.values()[c]), "cell " + c + " has no valid input: output must be fill");
                continue;
            }
            // E[y] = 2 sm - 0.1; sd[y] = sqrt(4 u^2 + 0.01^2) (independent Gaussian errors).
            double wantSd = Math.sqrt(4 * unc.values()[c] * unc.values()[c] + 1e-4);
            double n = 4000;
            // 5 standard errors: false failure about 6e-7 per cell (fixed seed, so deterministic).
            assertEquals(2 * x - 0.1, mean.values()[c], 5 * wantSd / Math.sqrt(n) + 1e-6, "mean, cell " + c);
            assertEquals(wantSd, sd.values()[c], 5 * wantSd / Math.sqrt(2 * n) + 1e-6, "sd, cell " + c);
            checked++;
        }
        assertTrue(checked > 10, "only " + checked + " valid cells checked");
        try (var files = Files.list(dir.resolve("out"))) {
            assertEquals(List.of(r.output()), files.toList(), "nothing but the output may be left behind");
        }
    }

    @Test
    void anyCfVariableRunsThroughAStudyWithoutNewCode(@TempDir Path dir) throws Exception {
        // ESA CCI LST is not among the shared data nor a built-in product here: name its variables instead.
        Path lst = dir.resolve("lst.nc");
        try (var in = StudyRunIT.class.getResourceAsStream("/org/emulens/io/products/product_esa_cci_lst.nc")) {
            Files.copy(in, lst);
        }
        Files.copy(PROJECT.resolve("models/beta.onnx"), dir.resolve("beta.onnx"));
        Path f = dir.resolve("lst.yaml");
        Files.writeString(f, "model: beta.onnx\nregion: {lat: [-90, 90], lon: [-180, 180]}\ninputs:\n"
                + "  theta: {variable: lst, sd_variable: lst_unc_ran, files: lst.nc, error: {shape: gaussian}}\n"
                + "  theta_wilt: {value: 0}\n  theta_crit: {value: 0}\nmembers: 3000\nseed: 1\n"
                + "output: lst-out.nc\n");
        StudyRunner.Result r = run(f, false, null);
        GridField mean = read(r.output(), "y_mean");
        GridField sd = read(r.output(), "y_sd");
        GridField x;
        GridField u;
        try (NetcdfGridFile nc = NetcdfGridFile.open(lst)) {
            x = nc.read("lst", GridRegion.everywhere());
            u = nc.read("lst_unc_ran", GridRegion.everywhere());
        }
        int checked = 0;
        for (int c = 0; c < x.values().length; c++) {
            if (Float.isNaN(x.values()[c]) || Float.isNaN(u.values()[c])) {
                assertTrue(Float.isNaN(mean.values()[c]));
                continue;
            }
            // y = 2 lst: mean 2 x, sd 2 u; 5 standard errors (false failure 6e-7 per cell, fixed seed).
            double wantSd = 2 * u.values()[c];
            assertEquals(2 * x.values()[c], mean.values()[c], 5 * wantSd / Math.sqrt(3000)
                    + 2e-6 * x.values()[c]); // plus float rounding of values near 600
            assertEquals(wantSd, sd.values()[c], 5 * wantSd / Math.sqrt(6000) + 1e-6);
            checked++;
        }
        assertTrue(checked > 0);
    }

    @Test
    void aCrashLeavesNoOutputAndResumeGivesTheSameNumbers(@TempDir Path dir) throws IOException {
        Path file = study(dir, "*2016122[78]*.nc", "{lat: [5, 15], lon: [0, 10]}", 500, "");
        RuntimeException crash = new RuntimeException("simulated crash");
        long[] calls = {0};
        assertThrows(RuntimeException.class, () -> run(file, false, (done, total) -> {
            if (done > total / 3 && calls[0]++ > 0) {
                throw crash;
            }
        }));
        assertFalse(Files.exists(dir.resolve("out/result.nc")), "an interrupted run must not leave an output");
        StudyRunner.Result resumed = run(file, true, null);
        float[] a = read(resumed.output(), "y_mean").values();
        Path whole = dir.resolve("out/result.nc");
        Files.move(whole, dir.resolve("resumed.nc"));
        float[] b = read(run(file, false, null).output(), "y_mean").values();
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(b[i], a[i], 0f, "cell " + i);
        }
    }

    @Test
    void badStudiesAreNamedAndLeaveNothing(@TempDir Path dir) throws IOException {
        Path file = study(dir, DAY1, "{lat: [12, 14], lon: [0, 4]}", 10, "");
        String text = Files.readString(file);
        Files.writeString(file, text.replace("members:", "membres:"));
        EmulensException ex = assertThrows(EmulensException.class, () -> StudyFile.read(file, linear()));
        assertTrue(ex.getMessage().contains("study.yaml:") && ex.getMessage().contains("unknown key 'membres'"),
                ex.getMessage());

        Files.writeString(file, text.replace("product: esa-cci-sm", "variable: soil_moisture\n    sd_variable: sm_uncertainty"));
        ex = assertThrows(EmulensException.class, () -> run(file, false, null));
        assertTrue(ex.getMessage().contains("soil_moisture"), ex.getMessage());

        // The middle of the Atlantic: no land cell has soil moisture.
        Files.writeString(file, text.replace("{lat: [12, 14], lon: [0, 4]}", "{lat: [-10, -5], lon: [-30, -25]}"));
        ex = assertThrows(EmulensException.class, () -> run(file, false, null));
        assertTrue(ex.getMessage().contains("no cell of the region"), ex.getMessage());

        Path notNetcdf = dir.resolve("fake.nc");
        Files.writeString(notNetcdf, "not a netcdf file");
        Files.writeString(file, text.replace(SHARED.resolve("data/esa-cci-sm") + "/" + DAY1, notNetcdf.toString()));
        ex = assertThrows(EmulensException.class, () -> run(file, false, null));
        assertTrue(ex.getMessage().contains("fake.nc"), ex.getMessage());
        assertFalse(Files.exists(dir.resolve("out/result.nc")));
    }
}
