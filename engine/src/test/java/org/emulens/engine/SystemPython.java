package org.emulens.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The system interpreter, whose Debian {@code python3-*} packages (numpy, xarray, PyTorch, ...) give tests an
 * independent implementation to compare with; the {@code python3} first on PATH may lack them.
 */
public final class SystemPython {
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    private SystemPython() {
    }

    /** Whether the interpreter exists and can import every module of {@code modules} ("xarray, netCDF4"). */
    public static boolean has(String modules) throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import " + modules).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    /** Runs {@code script}, fails the test if it fails, and returns what it printed, trimmed. */
    public static String run(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python did not finish in 120 s");
        assertEquals(0, p.exitValue(), out);
        return out.trim();
    }
}
