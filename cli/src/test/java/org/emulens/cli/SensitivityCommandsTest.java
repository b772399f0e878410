package org.emulens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.emulens.cli.EmulensCommandTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SensitivityCommandsTest {

    @Test
    void sobolOnIshigamiPrintsIndicesNearTheAnalyticValues() {
        Run r = EmulensCommandTest.run("sobol", "--function", "ishigami", "-n", "8192");
        assertEquals(0, r.code(), r.err());
        // Analytic (Ishigami and Homma 1990, a = 7, b = 0.1): S1 = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424, 0.2437.
        double[][] want = {{0.3139, 0.5576}, {0.4424, 0.4424}, {0.0, 0.2437}};
        List<String> rows = r.out().lines().filter(l -> l.startsWith("x")).toList();
        assertEquals(3, rows.size(), r.out());
        for (int i = 0; i < 3; i++) {
            String[] f = rows.get(i).trim().split("\\s+");
            assertEquals(want[i][0], Double.parseDouble(f[1]), 0.02, rows.get(i));
            assertEquals(want[i][1], Double.parseDouble(f[3]), 0.02, rows.get(i));
        }
    }

    @Test
    void sobolOnTheBetaEmulatorFindsThetaMostImportant() {
        Run r = EmulensCommandTest.run("sobol", EmulensCommandTest.beta(), "-n", "2048", "--backend", "cpu");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Sobol' indices of 'beta'"), r.out());
        // beta = clamp((theta - wilt) / (crit - wilt), 0, 1): over these ranges theta moves it most.
        double stTheta = total(r.out(), "theta");
        assertTrue(stTheta > total(r.out(), "theta_wilt") && stTheta > total(r.out(), "theta_crit"), r.out());
    }

    private static double total(String out, String factor) {
        String row = out.lines().filter(l -> l.startsWith(factor + " ")).findFirst().orElseThrow();
        return Double.parseDouble(row.trim().split("\\s+")[3]);
    }

    @Test
    void sampleWritesADesignWithinTheProblemBounds(@TempDir Path dir) throws IOException {
        Path problem = dir.resolve("p.yaml");
        Files.writeString(problem, "factors:\n  - {name: a, dist: unif, params: [2, 3]}\n"
                + "  - {name: b, dist: truncnorm, params: [0, 1, 0.5, 0.2]}\n");
        Path out = dir.resolve("d.csv");
        Run r = EmulensCommandTest.run("sample", "--problem", problem.toString(), "--design", "lhs", "-n", "100",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("a,b", lines.get(0));
        assertEquals(101, lines.size());
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",");
            double a = Double.parseDouble(f[0]);
            double b = Double.parseDouble(f[1]);
            assertTrue(a > 2 && a < 3 && b > 0 && b < 1, l);
        }
    }

    @Test
    void badProblemFilesAreNamedWithTheirLine(@TempDir Path dir) throws IOException {
        Path problem = dir.resolve("p.yaml");
        Files.writeString(problem, "factors:\n  - {name: a, dist: unif, params: [3, 2]}\n");
        Run r = EmulensCommandTest.run("sample", "--problem", problem.toString(), "-n", "8", "--out",
                dir.resolve("d.csv").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("p.yaml:2") && r.err().contains("factor 'a'") && r.err().contains("inverted"),
                r.err());
        Files.writeString(problem, "factors:\n  - {name: a, dist: norm, params: [0, -1]}\n");
        r = EmulensCommandTest.run("sample", "--problem", problem.toString(), "-n", "8", "--out",
                dir.resolve("d.csv").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("factor 'a'") && r.err().contains("sd"), r.err());
    }
}
