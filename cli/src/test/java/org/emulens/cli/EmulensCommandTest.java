package org.emulens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulensCommandTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EmulensCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static Path project() {
        return Path.of(System.getProperty("emulens.project.dir", "..")).toAbsolutePath().normalize();
    }

    static String beta() {
        return project().resolve("models/beta.onnx").toString();
    }

    @Test
    void backendsListsTheCpuBackend() {
        Run r = run("backends");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("cpu      available"), r.out());
        assertTrue(r.out().contains("auto     picks"), r.out());
    }

    @Test
    void noCommandIsAUsageError() {
        Run r = run();
        assertEquals(2, r.code());
        assertTrue(r.err().contains("name a command"), r.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String c : List.of("info", "backends", "eval")) {
            Run r = run(c, "--help");
            assertEquals(0, r.code(), c);
            assertTrue(r.out().startsWith("Usage: emulens " + c), r.out());
        }
    }

    @Test
    void infoDescribesTheModel() {
        Run r = run("info", beta());
        assertEquals(0, r.code(), r.err());
        for (String s : List.of("theta_wilt", "m3 m-3", "sha256", "FLOPs", "tanh", "[0, 0.6")) {
            assertTrue(r.out().contains(s), "missing '" + s + "' in\n" + r.out());
        }
    }

    @Test
    void evalWritesOutputsThatMatchPyTorch(@TempDir Path dir) throws IOException {
        Path golden = project().resolve("models/beta.golden.csv");
        Path out = dir.resolve("sub/beta.csv");
        Run r = run("eval", beta(), "--in", golden.toString(), "--out", out.toString(), "--backend", "cpu");
        assertEquals(0, r.code(), r.err());
        List<String> ours = Files.readAllLines(out);
        List<String> want = Files.readAllLines(golden);
        assertEquals("beta", ours.get(0));
        assertEquals(want.size(), ours.size());
        int col = List.of(want.get(0).split(",")).indexOf("beta");
        for (int i = 1; i < want.size(); i++) {
            double w = Double.parseDouble(want.get(i).split(",")[col]);
            double o = Double.parseDouble(ours.get(i));
            // Relative to the output's size where it is near zero, as in DemoModelsTest.
            assertEquals(w, o, 1e-5 * Math.max(Math.abs(w), 1.0), "row " + i);
        }
        try (var files = Files.list(out.getParent())) {
            assertEquals(1, files.count(), "no temporary file may be left behind");
        }
    }

    @Test
    void missingColumnIsOneLineNamingIt(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, "theta,theta_wilt\n0.3,0.1\n");
        Path out = dir.resolve("out.csv");
        Run r = run("eval", beta(), "--in", in.toString(), "--out", out.toString());
        assertEquals(1, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("missing column 'theta_crit'"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void nonNumericCellIsNamedWithLineAndColumn(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, "theta,theta_wilt,theta_crit\n0.3,0.1,0.3\n0.2,dry,0.3\n");
        Run r = run("eval", beta(), "--in", in.toString(), "--out", dir.resolve("o.csv").toString());
        assertEquals(1, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("in.csv:3: column 'theta_wilt': expected a number, found 'dry'"), r.err());
    }

    @Test
    void notAModelIsOneLine(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.onnx");
        Files.writeString(bad, "not a model");
        Run r = run("info", bad.toString());
        assertEquals(1, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("bad.onnx: not an ONNX model"), r.err());
        Run verbose = run("info", bad.toString(), "--verbose");
        assertTrue(verbose.err().lines().count() > 1, "--verbose adds the stack trace");
    }

    @Test
    void unknownBackendAndBadTanhAreReported(@TempDir Path dir) throws IOException {
        Path golden = project().resolve("models/beta.golden.csv");
        Run r = run("eval", beta(), "--in", golden.toString(), "--out", dir.resolve("o.csv").toString(),
                "--backend", "vulkan");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("unknown backend 'vulkan'"), r.err());
        r = run("eval", beta(), "--in", golden.toString(), "--out", dir.resolve("o.csv").toString(), "--tanh", "quick");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--tanh: expected exact or fast, found 'quick'"), r.err());
    }
}
