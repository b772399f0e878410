package org.emulens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.emulens.cli.EmulensCommandTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code emulens serve}'s options: what it refuses before starting anything, each in one line. */
class ServeCommandTest {

    @Test
    void helpNamesBothPagesAndTheDefaults() {
        Run r = EmulensCommandTest.run("serve", "--help");
        assertEquals(0, r.code(), r.err());
        String help = r.out().replaceAll("\\s+", " "); // picocli wraps lines anywhere
        for (String s : new String[] {"Usage: emulens serve", "MODEL|STUDY-OUTPUT.nc", "--port", "Default: 8080",
                "--bind", "Default: 127.0.0.1", "--backend", "Default: cpu", "--max-members", "Default: 1000000"}) {
            assertTrue(help.contains(s), "missing '" + s + "' in\n" + r.out());
        }
        assertTrue(EmulensCommandTest.run("--help").out().contains("serve"), "listed among the commands");
    }

    @Test
    void badOptionsAreUsageErrors(@TempDir Path dir) {
        String model = EmulensCommandTest.beta();
        assertUsage(EmulensCommandTest.run("serve", "--port", "70000", model), "--port: expected 0 to 65535, found 70000");
        assertUsage(EmulensCommandTest.run("serve", "--members", "2000000", model), "--members: expected 2 to --max-members");
        assertUsage(EmulensCommandTest.run("serve", "--concurrent-runs", "0", model), "--concurrent-runs");
        assertUsage(EmulensCommandTest.run("serve", "--tanh", "slow", model), "--tanh: expected exact or fast");
        assertUsage(EmulensCommandTest.run("serve", dir.resolve("absent.onnx").toString()), "absent.onnx: no such file");
    }

    @Test
    void aFileThatIsNotAStudyOutputIsOneLine(@TempDir Path dir) throws IOException {
        Path notNetcdf = dir.resolve("out.nc");
        Files.writeString(notNetcdf, "not NetCDF");
        Run r = EmulensCommandTest.run("serve", "--port", "0", notNetcdf.toString());
        assertEquals(1, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("out.nc: not a NetCDF file"), r.err());
    }

    @Test
    void aPortInUseIsOneLineSayingSo() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run r = EmulensCommandTest.run("serve", "--port", Integer.toString(taken.getLocalPort()),
                    EmulensCommandTest.beta());
            assertEquals(1, r.code());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), r.err());
        }
    }

    private static void assertUsage(Run r, String message) {
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(message), "expected '" + message + "' in " + r.err());
    }
}
