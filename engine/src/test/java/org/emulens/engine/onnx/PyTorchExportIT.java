package org.emulens.engine.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.emulens.engine.Emulator;
import org.emulens.engine.RandomModels;
import org.emulens.engine.TestFiles;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.cpu.CpuBackend;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MLPs that are not in the repository: PyTorch builds a random one (depth, widths, activations,
 * normalisation), exports it, and evaluates it; we import the file and must match PyTorch.
 */
class PyTorchExportIT {
    private static final String PYTHON = "/usr/bin/python3";

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void randomPyTorchExportImportsAndMatches(long seed, @TempDir Path dir) throws Exception {
        assumeTrue(torchAvailable(), "skipped: PyTorch is not installed for " + PYTHON
                + " (scripts/setup.sh installs python3-torch and python3-onnx)");
        Path script = TestFiles.projectDir().resolve("scripts/train/export_random_mlp.py");
        Process p = new ProcessBuilder(PYTHON, script.toString(), dir.toString(), "--seed", Long.toString(seed))
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "export timed out");
        assertEquals(0, p.exitValue(), log);

        Emulator e = OnnxImporter.read(dir.resolve("model.onnx"));
        TestFiles.Csv in = TestFiles.readCsv(dir.resolve("inputs.csv"));
        TestFiles.Csv expected = TestFiles.readCsv(dir.resolve("expected.csv"));
        int n = in.rows().length;
        float[] x = in.floats(TestFiles.names(e.inputs()));
        float[] y = new float[n * e.outputCount()];
        try (CpuBackend b = new CpuBackend(2); CompiledEmulator c = b.compile(e, TanhMode.EXACT)) {
            c.evaluate(x, y, n);
        }
        double[] magnitude = RandomModels.naiveMagnitude(e, x, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < e.outputCount(); j++) {
                double want = expected.rows()[i][j];
                double tol = 1e-5 * Math.abs(want) + 64 * 0x1p-24 * magnitude[i * e.outputCount() + j];
                assertEquals(want, y[i * e.outputCount() + j], tol,
                        "seed " + seed + " row " + i + " output " + j + "; export log:\n" + log);
            }
        }
    }

    private static boolean torchAvailable() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        Process p = new ProcessBuilder(PYTHON, "-c", "import torch, onnx").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
