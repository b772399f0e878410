package org.emulens.io.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.emulens.engine.Emulator;
import org.emulens.engine.ModelFiles;
import org.emulens.engine.config.ConfigException;
import org.emulens.engine.cpu.CpuBackend;
import org.emulens.ensemble.calibration.CalibrationException;
import org.emulens.io.csv.NumericCsv;
import org.junit.jupiter.api.Test;
import ucar.nc2.NetcdfFile;
import org.junit.jupiter.api.io.TempDir;

class CalibrationStudyTest {
    private static final Path PROJECT = Path.of(System.getProperty("emulens.project.dir", "..")).toAbsolutePath();

    @TempDir
    Path dir;

    private Path study(String parameters, String observationsFile) throws Exception {
        Path f = dir.resolve("study.yaml");
        Files.writeString(f, "model: " + PROJECT.resolve("models/beta.onnx") + "\n"
                + "seed: 3\n"
                + "output_dir: out\n"
                + "observations:\n"
                + "  file: " + observationsFile + "\n"
                + "  value: beta_obs\n"
                + "  sd: beta_sd\n"
                + "  systematic_sd: 0.02\n"
                + "parameters:\n" + parameters
                + "method:\n"
                + "  history_matching: {waves: [{cutoff: 3, summary: second_max, samples: 2000}]}\n"
                + "  mcmc: {walkers: 8, burn_in: 20, steps: 40}\n"
                + "  abc: {samples: 2000, accept_fraction: 0.05}\n"
                + "  abc_smc: {particles: 100, generations: 2, quantile: 0.5, max_attempts: 100000}\n");
        return f;
    }

    private static final String PRIOR = "  - {name: theta_wilt, dist: unif, params: [0.05, 0.15]}\n"
            + "  - {name: theta_crit, dist: unif, params: [0.25, 0.40]}\n";

    private void observations(String text) throws Exception {
        Files.writeString(dir.resolve("obs.csv"), text);
    }

    @Test
    void aSmallCalibrationWritesEveryOutput() throws Exception {
        StringBuilder csv = new StringBuilder("theta,beta_obs,beta_sd\n");
        for (int i = 0; i < 10; i++) {
            double theta = 0.05 + 0.04 * i;
            double beta = Math.min(1, Math.max(0, (theta - 0.1) / (0.32 - 0.1)));
            csv.append(theta).append(',').append(beta).append(",0.03\n");
        }
        observations(csv.toString());
        Path f = study(PRIOR, "obs.csv");
        Emulator model = ModelFiles.read(CalibrationStudy.modelPath(f));
        CalibrationStudy s = CalibrationStudy.read(f, model);
        assertEquals(0.00063, s.errors().emulatorSd(), 0, "the emulator sd comes from the model's rmse_holdout");
        CalibrationRunner.Result r;
        try (CpuBackend b = new CpuBackend(1)) {
            r = new CalibrationRunner(s, model, b, "test").run((stage, done, total) -> { });
        }
        for (String name : List.of("nroy-waves.csv", "nroy-points.csv", "posterior.csv", "posterior.nc",
                "posterior.png", "diagnostics.csv", "abc.csv", "abc.png", "abc-smc.csv", "abc-smc.png", "provenance.txt")) {
            assertTrue(Files.size(dir.resolve("out").resolve(name)) > 0, name);
        }
        NumericCsv.Table posterior = NumericCsv.read(dir.resolve("out/posterior.csv"), List.of("theta_wilt", "theta_crit"));
        assertEquals(8 * 40, posterior.rows());
        try (NetcdfFile nc = NetcdfFile.open(dir.resolve("out/posterior.nc").toString())) {
            double[] wilt = (double[]) nc.findVariable("theta_wilt").read().copyTo1DJavaArray();
            assertEquals(8 * 40, wilt.length);
            assertEquals(posterior.get(5, 0), wilt[5], 1e-6, "the NetCDF and CSV samples agree");
            assertEquals("cpu", nc.findGlobalAttribute("backend").getStringValue());
        }
        String provenance = Files.readString(dir.resolve("out/provenance.txt"));
        assertTrue(provenance.contains("backend: cpu") && provenance.contains("seed: 3")
                && provenance.contains("model_sha256: " + model.hash()), provenance);
        assertTrue(r.report().stream().anyMatch(l -> l.contains("split R-hat")), r.report().toString());
    }

    @Test
    void aBadObservationFileIsNamedWithTheProblem() throws Exception {
        observations("theta,beta_obs\n0.1,0.5\n");
        CalibrationException missing = assertThrows(CalibrationException.class,
                () -> CalibrationStudy.read(study(PRIOR, "obs.csv"), model()));
        assertTrue(missing.getMessage().contains("obs.csv:1: missing column 'beta_sd'"), missing.getMessage());
        observations("theta,beta_obs,beta_sd\n0.1,0.5,0.03\n0.2,0.6,-0.03\n");
        CalibrationException sd = assertThrows(CalibrationException.class,
                () -> CalibrationStudy.read(study(PRIOR, "obs.csv"), model()));
        assertTrue(sd.getMessage().contains("obs.csv: observation 2: the random standard deviation"), sd.getMessage());
        CalibrationException none = assertThrows(CalibrationException.class,
                () -> CalibrationStudy.read(study(PRIOR, "nothing.csv"), model()));
        assertTrue(none.getMessage().contains("nothing.csv: no such file"), none.getMessage());
    }

    @Test
    void aPriorWithZeroMassInsideTheModelRangeIsAnErrorWithItsLine() throws Exception {
        observations("theta,beta_obs,beta_sd\n0.1,0.5,0.03\n");
        String outside = "  - {name: theta_wilt, dist: unif, params: [0.3, 0.5]}\n"
                + "  - {name: theta_crit, dist: unif, params: [0.25, 0.40]}\n";
        ConfigException e = assertThrows(ConfigException.class, () -> CalibrationStudy.read(study(outside, "obs.csv"), model()));
        assertTrue(e.getMessage().contains("study.yaml:") && e.getMessage().contains("'theta_wilt'")
                && e.getMessage().contains("zero mass"), e.getMessage());
    }

    private static Emulator model() {
        return ModelFiles.read(PROJECT.resolve("models/beta.onnx"));
    }
}
