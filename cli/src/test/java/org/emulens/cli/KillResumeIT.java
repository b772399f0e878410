package org.emulens.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ucar.nc2.NetcdfFile;

/**
 * {@code emulens run}, in a JVM of its own, killed with SIGKILL at random moments and continued with
 * {@code --resume}, over and over: the final output holds exactly the numbers of a run that was never
 * interrupted, and at no moment does a file that is not complete sit under the output's name (only
 * hidden temporaries and the hidden checkpoint folder may be left by a kill).
 *
 * <p>{@code -Demulens.killresume.rounds=N} sets the number of rounds (default 3), each of up to three
 * kills; {@code -Demulens.killresume.seed=S} replays the kill times of a failed run (its seed is printed).
 */
class KillResumeIT {
    private static final Path SHARED = Path.of(System.getProperty("emulens.shared.dir", "../../shared"))
            .toAbsolutePath().normalize();
    private static final int KILLS_PER_ROUND = 3;

    private static Path study(Path dir) throws IOException {
        Path f = dir.resolve("study.yaml");
        Files.writeString(f, "name: kill-resume\nmodel: " + EmulensCommandTest.beta() + "\n"
                + "region: {lat: [4, 16], lon: [-10, 16]}\n"
                + "inputs:\n  theta:\n    product: esa-cci-sm\n"
                + "    files: " + SHARED.resolve("data/esa-cci-sm") + "/*2016122[78]*.nc\n"
                + "    error: {shape: truncated-gaussian, bounds: [0, 0.6]}\n"
                + "  theta_wilt: {value: 0.1, error: {shape: gaussian, sd: 0.01}}\n"
                + "  theta_crit: {value: 0.3}\n"
                + "members: 150\nseed: 5\nbackend: cpu\nthreads: 1\n"
                + "statistics: {quantiles: [0.05, 0.5, 0.95], exceedance: [0.5]}\n"
                + "output: out/result.nc\nplot: false\n");
        return f;
    }

    private static Process start(Path study, boolean resume, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                EmulensCommand.class.getName(), "run", study.toString()));
        if (resume) {
            cmd.add("--resume");
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Every variable's name and values: what runs must agree on (the history attribute has a date). */
    private static List<Object> data(Path nc) throws IOException {
        List<Object> out = new ArrayList<>();
        try (NetcdfFile f = NetcdfFile.open(nc.toString())) {
            for (ucar.nc2.Variable v : f.getVariables()) {
                out.add(v.getFullName());
                out.add(v.read().copyTo1DJavaArray());
            }
        }
        return out;
    }

    private static void assertSameData(List<Object> expected, List<Object> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": variables");
        for (int k = 0; k < expected.size(); k++) {
            Object e = expected.get(k);
            Object a = actual.get(k);
            if (e instanceof float[] ef) {
                assertArrayEquals(ef, (float[]) a, what + ": " + expected.get(k - 1));
            } else {
                assertTrue(Objects.deepEquals(e, a), what + ": " + (k % 2 == 0 ? e : expected.get(k - 1)));
            }
        }
    }

    /** The visible files of the output folder: only the complete output may ever be among them. */
    private static List<String> visible(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(out)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    @Test
    void killedAndResumedRunsGiveTheUninterruptedOutput(@TempDir Path dir) throws Exception {
        Path file = study(dir);
        Path out = dir.resolve("out");
        Path output = out.resolve("result.nc");
        Path log = dir.resolve("run.log");

        long t0 = System.nanoTime();
        Process reference = start(file, false, log);
        assertTrue(reference.waitFor(300, TimeUnit.SECONDS), "the reference run should finish");
        assertEquals(0, reference.exitValue(), Files.readString(log));
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<Object> expected = data(output);
        Files.move(output, dir.resolve("reference.nc"));

        int rounds = Integer.getInteger("emulens.killresume.rounds", 3);
        long seed = Long.getLong("emulens.killresume.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        int kills = 0;
        int killsAfterOutput = 0;
        for (int round = 0; round < rounds; round++) {
            String what = "round " + round + " (-Demulens.killresume.seed=" + seed + ")";
            boolean resume = false;
            for (int attempt = 0; ; attempt++) {
                Process p = start(file, resume, log);
                boolean kill = attempt < KILLS_PER_ROUND;
                // Anywhere from JVM start-up to the last chunk; a resumed run has less to do and may finish first.
                long deadline = System.nanoTime() + (long) (random.nextDouble() * 0.8 * seconds * 1e9);
                boolean sawOutput = false;
                while (p.isAlive() && (!kill || System.nanoTime() < deadline)) {
                    List<String> files = visible(out);
                    if (!files.isEmpty()) {
                        assertEquals(List.of("result.nc"), files, what + ": only the output may be visible");
                        sawOutput = true;
                    }
                    Thread.sleep(10);
                }
                if (p.isAlive()) {
                    p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
                    p.waitFor(60, TimeUnit.SECONDS);
                    kills++;
                    if (Files.exists(output)) {
                        killsAfterOutput++;
                    }
                } else {
                    assertEquals(0, p.exitValue(), what + ": " + Files.readString(log));
                }
                List<String> files = visible(out);
                assertTrue(files.isEmpty() || files.equals(List.of("result.nc")), what + ": left " + files);
                if (Files.exists(output) || sawOutput) {
                    // Whatever lies under the output's name is complete: the same numbers as the reference.
                    assertSameData(expected, data(output), what + ", after attempt " + attempt);
                }
                if (Files.exists(output)) {
                    break;
                }
                resume = true;
            }
            Files.delete(output);
            try (Stream<Path> s = Files.list(out)) {
                assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".partial")),
                        what + ": the checkpoint folder goes with a finished run");
            }
        }
        System.out.printf("[emulens-faults] kill/resume: %d rounds, %d SIGKILLs (%d after the output was in place), "
                + "reference run %.1f s, seed %d: every output equal to the uninterrupted run%n", rounds, kills,
                killsAfterOutput, seconds, seed);
        assertTrue(kills >= rounds, "each round should kill its fresh run at least once; " + kills + " kills");
    }
}
