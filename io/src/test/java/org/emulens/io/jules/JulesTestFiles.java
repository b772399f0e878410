package org.emulens.io.jules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The JULES-layout files of {@code scripts/jules/make_jules_files.py}, generated into a test's folder; the
 * test is skipped, saying why, where the system Python lacks numpy or netCDF4.
 */
public final class JulesTestFiles {
    static final String PYTHON = "/usr/bin/python3";
    private static final Path PROJECT = Path.of(System.getProperty("emulens.project.dir", "..")).toAbsolutePath()
            .normalize();

    /** Constants of the script's validation case, see its documentation. */
    public static final double[] PFT_BIAS = {0.01, 0.02, 0.03, 0.04, 0.05};
    public static final double SLOPE = 0.01;
    /** Sea cells (row from the south, column from the west) of the script's 4 x 5 grid. */
    public static final int[][] SEA = {{0, 0}, {0, 1}, {2, 2}, {3, 4}};

    private JulesTestFiles() {
    }

    /** Noise amplitude of cell (i, j) in the validation case. */
    public static double amplitude(int i, int j) {
        return 0.02 * (1 + (i + j) % 3);
    }

    public static boolean isSea(int i, int j) {
        for (int[] s : SEA) {
            if (s[0] == i && s[1] == j) {
                return true;
            }
        }
        return false;
    }

    /** Writes the files into {@code dir}; skips the calling test if the script cannot run here. */
    public static Path generate(Path dir) throws IOException, InterruptedException {
        String missing = run(PYTHON, "-c", "import numpy, netCDF4");
        if (missing != null) {
            System.out.println("JULES test files: skipped, " + PYTHON + " cannot import numpy and netCDF4 "
                    + "(apt-get install python3-numpy python3-netcdf4): " + missing);
        }
        Assumptions.assumeTrue(missing == null, "needs " + PYTHON + " with numpy and netCDF4");
        String failed = run(PYTHON, PROJECT.resolve("scripts/jules/make_jules_files.py").toString(), dir.toString());
        if (failed != null) {
            throw new IllegalStateException("make_jules_files.py failed: " + failed);
        }
        return dir;
    }

    /** Runs a command; null if it succeeded, else what it printed. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException ex) {
            return ex.getMessage();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timed out";
        }
        return p.exitValue() == 0 ? null : out.trim();
    }
}
