package org.emulens.io.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.emulens.engine.Emulator;
import org.emulens.engine.ModelFamily;
import org.emulens.engine.ModelFiles;
import org.emulens.engine.cpu.CpuBackend;
import org.emulens.io.grid.GeoBox;
import org.emulens.io.grid.GridField;
import org.emulens.io.netcdf.GridRegion;
import org.emulens.io.netcdf.NetcdfGridFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study with a Gaussian-process emulator on the real ESA CCI soil moisture, whose variance budget is
 * known in closed form. The GP has one training point c = (0.25, 0.1, 0.3), a squared-exponential kernel of
 * variance 1 and length scale l = 0.05 in theta, and noise 0.01, so with e = exp(-(theta - 0.25)^2 / (2 l^2))
 * (theta_wilt and theta_crit sit at the training point) its mean is m = e / 1.01 and its variance
 * v = 1 - e^2 / 1.01. With theta ~ N(mu, s^2) per cell (the product's value and uncertainty), every moment
 * needed is a Gaussian integral: E[e^j] = (1 + j s^2 / l^2)^(-1/2) exp(-j (mu - c)^2 / (2 l^2 + 2 j s^2)).
 */
class GaussianProcessStudyIT {
    private static final Path SHARED = Path.of(System.getProperty("emulens.shared.dir", "../../shared"))
            .toAbsolutePath().normalize();
    private static final String DAY1 = "ESACCI-SOILMOISTURE-L3S-SSMV-PASSIVE-20161227000000-fv04.2.nc";
    private static final double L = 0.05;
    private static final double C = 0.25;
    private static final double NOISE = 0.01;
    private static final long MEMBERS = 20_000;
    /**
     * Each check allows 5.5 standard errors (normal false-failure rate 3.8e-8); with three checks in each of
     * at most 128 cells the study fails by chance with probability below 1.5e-5.
     */
    private static final double Z = 5.5;

    private static String gpFile() {
        return "format: emulens-gp-1\nname: one_point\n"
                + "inputs:\n  - {name: theta, units: m3 m-3}\n  - {name: theta_wilt, units: m3 m-3}\n"
                + "  - {name: theta_crit, units: m3 m-3}\n"
                + "outputs:\n  - {name: y, units: \"1\"}\n"
                + "kernel: {family: squared_exponential, variance: 1.0, length_scales: [" + L + ", 1.0, 1.0]}\n"
                + "y_mean: 0.0\ny_std: 1.0\n"
                + "training_inputs:\n  - [" + C + ", 0.1, 0.3]\n"
                + "alpha: [" + (1.0 / (1.0 + NOISE)) + "]\n"
                + "cholesky:\n  - [" + Math.sqrt(1.0 + NOISE) + "]\n";
    }

    /** E[e^j] for theta ~ N(mu, s^2). */
    private static double g(int j, double mu, double s) {
        double spread = 1 + j * s * s / (L * L);
        return Math.exp(-j * (mu - C) * (mu - C) / (2 * L * L * spread)) / Math.sqrt(spread);
    }

    private static GridField read(Path nc, String variable, GridRegion region) {
        try (NetcdfGridFile f = NetcdfGridFile.open(nc)) {
            return f.read(variable, region);
        }
    }

    @Test
    void totalVarianceIsInputDrivenPlusEmulatorVariance(@TempDir Path dir) throws IOException {
        Path gp = dir.resolve("one_point.gp.yaml");
        Files.writeString(gp, gpFile());
        Emulator model = ModelFiles.read(gp);
        assertEquals(ModelFamily.GAUSSIAN_PROCESS, model.family());
        Path file = dir.resolve("study.yaml");
        Files.writeString(file, "name: gp\nmodel: one_point.gp.yaml\nregion: {lat: [12, 14], lon: [0, 4]}\n"
                + "inputs:\n"
                + "  theta:\n    product: esa-cci-sm\n    files: " + SHARED.resolve("data/esa-cci-sm") + "/" + DAY1
                + "\n    error: {shape: gaussian}\n"
                + "  theta_wilt: {value: 0.1}\n"
                + "  theta_crit: {value: 0.3}\n"
                + "members: " + MEMBERS + "\nseed: 11\nstatistics: {quantiles: [0.5]}\noutput: out/gp.nc\n");
        Study s = StudyFile.read(file, model);
        StudyRunner.Result r;
        try (CpuBackend b = new CpuBackend(2)) {
            r = new StudyRunner(s, model, b, "test").run(false, null);
        }
        GridField sd = read(r.output(), "y_sd", GridRegion.everywhere());
        GridField input = read(r.output(), "y_input_variance", GridRegion.everywhere());
        GridField emulator = read(r.output(), "y_emulator_variance", GridRegion.everywhere());
        GridRegion box = GridRegion.of(GeoBox.of(12, 14, 0, 4));
        GridField sm = read(SHARED.resolve("data/esa-cci-sm/" + DAY1), "sm", box);
        GridField unc = read(SHARED.resolve("data/esa-cci-sm/" + DAY1), "sm_uncertainty", box);
        double a = 1 / (1 + NOISE);
        double b = 1 / (1 + NOISE);
        int checked = 0;
        double worst = 0;
        for (int c = 0; c < sd.values().length; c++) {
            if (Float.isNaN(sd.values()[c])) {
                continue;
            }
            double mu = sm.values()[c];
            double u = unc.values()[c];
            double g1 = g(1, mu, u);
            double g2 = g(2, mu, u);
            double g3 = g(3, mu, u);
            double g4 = g(4, mu, u);
            double inputVariance = a * a * (g2 - g1 * g1);
            double emulatorVariance = 1 - b * g2;
            double total = inputVariance + emulatorVariance;
            // Fourth central moments, for the standard errors of the estimates.
            double c4 = g4 - 4 * g1 * g3 + 6 * g1 * g1 * g2 - 3 * Math.pow(g1, 4);
            double c2v = (g2 - g1 * g1) - b * (g4 - 2 * g1 * g3 + g1 * g1 * g2);
            double ev2 = 1 - 2 * b * g2 + b * b * g4;
            double mu4 = Math.pow(a, 4) * c4 + 6 * a * a * c2v + 3 * ev2;
            double totalSe = Math.sqrt((mu4 - total * total) / MEMBERS);
            double inputSe = Math.sqrt(Math.max(0, Math.pow(a, 4) * c4 - inputVariance * inputVariance) / MEMBERS);
            double emulatorSe = b * Math.sqrt(Math.max(0, g4 - g2 * g2) / MEMBERS);
            String where = "cell " + c + " (theta " + mu + " +- " + u + ")";
            double sd2 = (double) sd.values()[c] * sd.values()[c];
            assertEquals(total, sd2, Z * totalSe + 1e-6, where + ": total variance");
            assertEquals(inputVariance, input.values()[c], Z * inputSe + 1e-6, where + ": input-driven variance");
            assertEquals(emulatorVariance, emulator.values()[c], Z * emulatorSe + 1e-6, where + ": emulator variance");
            // The identity itself, within the total's sampling error.
            assertEquals(sd2, input.values()[c] + emulator.values()[c], Z * totalSe + 1e-6, where + ": identity");
            worst = Math.max(worst, Math.abs(sd2 - total) / totalSe);
            checked++;
        }
        assertTrue(checked > 10, "only " + checked + " valid cells checked");
        System.out.printf("[emulens-io] GP study: %d cells, worst total-variance error %.2f standard errors%n", checked,
                worst);
    }
}
