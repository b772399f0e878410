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

/** The commands on tree-ensemble and Gaussian-process models (engine/src/test/resources/families). */
class ModelFamilyCommandsTest {
    private static final Path FAMILIES = Path.of(System.getProperty("emulens.project.dir", ".."))
            .resolve("engine/src/test/resources/families").toAbsolutePath().normalize();

    @Test
    void infoNamesTheFamily() {
        Run r = EmulensCommandTest.run("info", FAMILIES.resolve("tree_xgboost.onnx").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("family     tree ensemble"), r.out());
        assertTrue(r.out().contains("40 trees"), r.out());
        Run g = EmulensCommandTest.run("info", FAMILIES.resolve("gp_matern32.gp.yaml").toString());
        assertEquals(0, g.code(), g.err());
        assertTrue(g.out().contains("family     Gaussian process"), g.out());
        assertTrue(g.out().contains("40 training points"), g.out());
    }

    @Test
    void evalOfAGaussianProcessWritesItsVarianceOnTheCpuByDefault(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("y.csv");
        Run r = EmulensCommandTest.run("eval", FAMILIES.resolve("gp_matern32.gp.yaml").toString(), "--in",
                FAMILIES.resolve("gp_matern32.expected.csv").toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("y,y_variance", lines.get(0));
        List<String> expected = Files.readAllLines(FAMILIES.resolve("gp_matern32.expected.csv"));
        for (int i = 1; i < expected.size(); i++) {
            String[] want = expected.get(i).split(",");
            String[] got = lines.get(i).split(",");
            // Written as float32: sklearn's float64 values to float precision.
            assertEquals(Double.parseDouble(want[3]), Double.parseDouble(got[0]), 1e-6 * Math.abs(Double.parseDouble(
                    want[3])), "mean, row " + i);
            assertEquals(Double.parseDouble(want[4]), Double.parseDouble(got[1]), 1e-6 * Math.abs(Double.parseDouble(
                    want[4])), "variance, row " + i);
        }
    }

    @Test
    void sobolOfATreeEnsemblePrintsItsImportances(@TempDir Path dir) throws IOException {
        Path problem = dir.resolve("p.yaml");
        StringBuilder p = new StringBuilder("factors:\n");
        for (int i = 0; i < 4; i++) {
            p.append("  - {name: x").append(i).append(", bounds: [-2, 2]}\n");
        }
        Files.writeString(problem, p);
        Run r = EmulensCommandTest.run("sobol", FAMILIES.resolve("tree_random_forest.onnx").toString(), "--problem",
                problem.toString(), "-n", "1024", "--bootstrap", "10", "--backend", "cpu");
        assertEquals(0, r.code(), r.err());
        List<String> rows = r.out().lines().filter(l -> l.matches("x[0-3] .*")).toList();
        assertEquals(8, rows.size(), r.out());
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += Double.parseDouble(rows.get(i).trim().split("\\s+")[3]);
        }
        for (int i = 0; i < 4; i++) {
            double st = Double.parseDouble(rows.get(i).trim().split("\\s+")[3]);
            String[] imp = rows.get(4 + i).trim().split("\\s+");
            assertEquals(st / sum, Double.parseDouble(imp[1]), 1e-3, "permutation share of x" + i);
            assertTrue(Double.parseDouble(imp[3]) > 0, "sklearn's impurity importance of x" + i);
        }
        assertTrue(r.out().contains("impurity*"), r.out());
    }
}
