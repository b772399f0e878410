package org.emulens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrateCommandTest {
    @TempDir
    Path dir;

    private Path study(String obs) throws Exception {
        Files.writeString(dir.resolve("obs.csv"), obs);
        Path f = dir.resolve("calibration.yaml");
        Files.writeString(f, "model: " + EmulensCommandTest.beta() + "\n"
                + "output_dir: out\n"
                + "observations: {file: obs.csv, value: z, sd: sd, systematic_sd: 0.01}\n"
                + "parameters:\n"
                + "  - {name: theta_wilt, dist: unif, params: [0.05, 0.15]}\n"
                + "  - {name: theta_crit, dist: unif, params: [0.25, 0.40]}\n"
                + "method:\n"
                + "  history_matching: {waves: [{cutoff: 3, summary: max, samples: 1000}]}\n"
                + "  mcmc: {walkers: 8, burn_in: 10, steps: 20}\n");
        return f;
    }

    @Test
    void calibrateReportsNroyAndDiagnosticsAndWritesThePosterior() throws Exception {
        EmulensCommandTest.Run r = EmulensCommandTest.run("calibrate", study("theta,z,sd\n0.1,0.0,0.05\n0.2,0.5,0.05\n"
                + "0.3,0.95,0.05\n0.4,1.0,0.05\n").toString(), "--backend", "cpu");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("history matching wave 1") && r.out().contains("split R-hat"), r.out());
        assertTrue(r.err().contains("backend cpu"), r.err());
        assertTrue(Files.size(dir.resolve("out/posterior.nc")) > 0);
    }

    @Test
    void aBadObservationFileIsOneClearLine() throws Exception {
        EmulensCommandTest.Run r = EmulensCommandTest.run("calibrate", study("theta,z,sd\n0.1,0.5,-0.05\n").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("emulens: error: ") && r.err().contains("obs.csv")
                && r.err().contains("observation 1: the random standard deviation"), r.err());
    }
}
