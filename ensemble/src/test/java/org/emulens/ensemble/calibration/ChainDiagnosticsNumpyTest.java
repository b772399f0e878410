package org.emulens.ensemble.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.emulens.ensemble.rng.MemberDraws;
import org.emulens.ensemble.rng.ReservedStreams;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Split R-hat and ESS against an independent numpy implementation of the same BDA3 definitions, run by the
 * system Python (/usr/bin/python3 with python3-numpy, installed by scripts/setup.sh); skipped with the reason
 * printed where either is missing.
 */
class ChainDiagnosticsNumpyTest {
    private static final String SCRIPT = String.join("\n",
            "import sys, numpy as np",
            "x = np.loadtxt(sys.argv[1], delimiter=',')",
            "half = x.shape[1] // 2",
            "s = np.vstack([x[:, :half], x[:, x.shape[1] - half:]])",
            "m, n = s.shape",
            "W = s.var(axis=1, ddof=1).mean()",
            "B = n * s.mean(axis=1).var(ddof=1)",
            "vp = (n - 1) / n * W + B / n",
            "rhat = np.sqrt(vp / W)",
            "rho = np.array([1 - np.mean((s[:, t:] - s[:, :n - t]) ** 2) / (2 * vp) for t in range(1, n)])",
            "total = rho[0]",
            "t = 1",
            "while t + 2 < n:",
            "    pair = rho[t] + rho[t + 1]",
            "    if pair < 0:",
            "        break",
            "    total += pair",
            "    t += 2",
            "print(repr(float(rhat)), repr(float(m * n / (1 + 2 * total))))",
            "");

    @TempDir
    Path dir;

    @Test
    void agreesWithNumpy() throws Exception {
        int chains = 6;
        int draws = 401;
        double[][] c = new double[chains][draws];
        StringBuilder csv = new StringBuilder();
        for (int j = 0; j < chains; j++) {
            double x = 0;
            for (int t = 0; t < draws; t++) {
                x = 0.7 * x + MemberDraws.normal(21, ReservedStreams.INPUT_PERTURBATION, j, t, 0) + 0.05 * j;
                c[j][t] = x;
                csv.append(t > 0 ? "," : "").append(String.format(Locale.ROOT, "%.17g", x));
            }
            csv.append('\n');
        }
        Path data = dir.resolve("chains.csv");
        Files.writeString(data, csv);
        Path script = dir.resolve("diag.py");
        Files.writeString(script, SCRIPT);
        String[] out = python(script, data).trim().split(" ");
        ChainDiagnostics.Summary s = ChainDiagnostics.of(c);
        assertEquals(Double.parseDouble(out[0]), s.rhat(), 1e-12);
        assertEquals(Double.parseDouble(out[1]), s.ess(), 1e-9 * s.ess());
    }

    private static String python(Path script, Path data) throws IOException, InterruptedException {
        Path py = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(py), "no /usr/bin/python3, so the numpy comparison is skipped");
        Process probe = new ProcessBuilder(py.toString(), "-c", "import numpy").redirectErrorStream(true).start();
        boolean numpy = probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
        if (!numpy) {
            System.err.println("[emulens-ensemble] python3-numpy missing, so the numpy comparison is skipped");
        }
        Assumptions.assumeTrue(numpy, "python3-numpy is not installed for /usr/bin/python3");
        Process p = new ProcessBuilder(py.toString(), script.toString(), data.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("python failed: " + out);
        }
        return out;
    }
}
