package org.emulens.io.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.emulens.engine.Activation;
import org.emulens.engine.DenseLayer;
import org.emulens.engine.Emulator;
import org.emulens.engine.EmulensException;
import org.emulens.engine.MemoryBudget;
import org.emulens.engine.MemoryLimitException;
import org.emulens.engine.Variable;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.BackendOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ucar.nc2.NetcdfFile;

/**
 * Faults during a study on the real ESA CCI files: a device that fails mid-run, a disk that fills up
 * while checkpoints are written (a real ENOSPC, from /dev/full), an output folder that cannot be written. Each stops with a message
 * saying what happened, keeps what was done and any previous output, and a resumed run gives exactly
 * the numbers of a run that never failed.
 */
class StudyFaultsIT {
    private static final Path SHARED = Path.of(System.getProperty("emulens.shared.dir", "../../shared"))
            .toAbsolutePath().normalize();

    private static Emulator linear() {
        return Emulator.builder().name("linear").input(Variable.of("theta", "m3 m-3"))
                .input(Variable.of("theta_wilt", "m3 m-3")).input(Variable.of("theta_crit", "m3 m-3"))
                .output(Variable.of("y", "m3 m-3"))
                .layer(new DenseLayer(3, 1, new float[] {2f, -1f, 0.5f}, new float[] {0f}, Activation.IDENTITY))
                .build();
    }

    /** Two days over West Africa: a few thousand land cells a day, so several chunks of 512. */
    private static Path study(Path dir) throws IOException {
        Path f = dir.resolve("study.yaml");
        Files.writeString(f, "name: faults\nmodel: none.onnx\nregion: {lat: [4, 16], lon: [-10, 16]}\n"
                + "inputs:\n"
                + "  theta:\n    product: esa-cci-sm\n    files: " + SHARED.resolve("data/esa-cci-sm")
                + "/*2016122[78]*.nc\n"
                + "    error: {shape: truncated-gaussian, bounds: [0, 0.6]}\n"
                + "  theta_wilt: {value: 0.1, error: {shape: gaussian, sd: 0.01}}\n"
                + "  theta_crit: {value: 0.3}\n"
                + "members: 300\nseed: 11\nthreads: 1\nstatistics: {quantiles: [0.1, 0.9], exceedance: [0.4]}\n"
                + "output: out/result.nc\nplot: false\n");
        return f;
    }

    private static StudyRunner.Result run(Path file, FailingBackendProvider device, boolean resume) {
        Study s = StudyFile.read(file, linear());
        try (Backend b = device.open(new BackendOptions(1, 0))) {
            return new StudyRunner(s, linear(), b, "test").run(resume, null);
        }
    }

    private static FailingBackendProvider healthy() {
        return new FailingBackendProvider(Long.MAX_VALUE);
    }

    /** Every variable's values, in file order: what two runs must agree on (the history attribute may differ). */
    static List<Object> data(Path nc) throws IOException {
        try (NetcdfFile f = NetcdfFile.open(nc.toString())) {
            return f.getVariables().stream().map(v -> {
                try {
                    return (Object) List.of(v.getFullName(), v.read().copyTo1DJavaArray());
                } catch (IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            }).toList();
        }
    }

    static void assertSameData(List<Object> expected, List<Object> actual) {
        assertEquals(expected.size(), actual.size(), "variables");
        for (int v = 0; v < expected.size(); v++) {
            List<?> e = (List<?>) expected.get(v);
            List<?> a = (List<?>) actual.get(v);
            assertEquals(e.get(0), a.get(0));
            Object ev = e.get(1);
            Object av = a.get(1);
            if (ev instanceof float[] ef) {
                assertArrayEquals(ef, (float[]) av, "variable " + e.get(0));
            } else if (ev instanceof double[] ed) {
                assertArrayEquals(ed, (double[]) av, "variable " + e.get(0));
            } else {
                assertTrue(java.util.Objects.deepEquals(ev, av), "variable " + e.get(0));
            }
        }
    }

    private static List<Path> chunks(Path dir) throws IOException {
        Path partial = dir.resolve("out/.result.nc.partial");
        if (!Files.isDirectory(partial)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(partial)) {
            return s.filter(p -> p.getFileName().toString().startsWith("step") && !p.toString().endsWith(".tmp"))
                    .sorted().toList();
        }
    }

    @Test
    void aDeviceErrorThenAFullDiskStopWithTheirMessagesAndResumeGivesTheSameNumbers(@TempDir Path dir)
            throws IOException {
        assumeTrue(Files.exists(Path.of("/dev/full")), "skipped: no /dev/full to fill a disk with");
        Path file = study(dir);
        FailingBackendProvider reference = healthy();
        Path output = run(file, reference, false).output();
        List<Object> expected = data(output);
        long launches = reference.launches();
        assertTrue(launches >= 6, "the study should take several launches, took " + launches);
        Files.delete(output);

        // The device fails a little past half-way.
        FailingBackendProvider gpu = new FailingBackendProvider(launches / 2 + 1);
        EmulensException deviceError = assertThrows(EmulensException.class, () -> run(file, gpu, false));
        assertEquals(FailingBackendProvider.DEVICE_MESSAGE, deviceError.getMessage());
        assertFalse(Files.exists(output), "a failed run must not leave an output");
        List<Path> saved = chunks(dir);
        assertFalse(saved.isEmpty(), "the chunks done before the failure are kept");
        List<byte[]> savedBytes = saved.stream().map(StudyFaultsIT::bytes).toList();

        // The disk is full when the next chunk is saved: every chunk's temporary name leads to /dev/full.
        Path partial = dir.resolve("out/.result.nc.partial");
        for (int t = 0; t < 2; t++) {
            for (int first = 0; first < 20 * StudyRunner.CELLS_PER_CHUNK; first += StudyRunner.CELLS_PER_CHUNK) {
                Path tmp = partial.resolve("step" + t + "-cells" + first + ".tmp");
                if (!Files.exists(partial.resolve("step" + t + "-cells" + first))) {
                    Files.createSymbolicLink(tmp, Path.of("/dev/full"));
                }
            }
        }
        EmulensException diskFull = assertThrows(EmulensException.class, () -> run(file, healthy(), true));
        assertTrue(diskFull.getMessage().contains("No space left on device")
                && diskFull.getMessage().contains("--resume"), diskFull.getMessage());
        assertFalse(Files.exists(output));
        assertEquals(saved, chunks(dir));
        for (int k = 0; k < saved.size(); k++) {
            assertArrayEquals(savedBytes.get(k), bytes(saved.get(k)), "chunk " + saved.get(k) + " is unchanged");
        }

        // Room is made; the resumed run computes only what is missing and gives the uninterrupted numbers.
        try (Stream<Path> s = Files.list(partial)) {
            for (Path p : s.filter(Files::isSymbolicLink).toList()) {
                Files.delete(p);
            }
        }
        FailingBackendProvider resumedDevice = healthy();
        assertSameData(expected, data(run(file, resumedDevice, true).output()));
        assertTrue(resumedDevice.launches() < launches, "resumed " + resumedDevice.launches() + " of " + launches);
        System.out.printf("[emulens-faults] device failed at launch %d of %d with %d chunks saved; disk full on the "
                + "next save; resumed with %d launches%n", launches / 2 + 1, launches, saved.size(),
                resumedDevice.launches());
        assertFalse(Files.exists(partial), "the checkpoint folder goes once the output is written");
    }

    @Test
    void anOutputFolderThatCannotBeMadeIsNamedBeforeAnyWork(@TempDir Path dir) throws IOException {
        Path file = study(dir);
        Files.writeString(dir.resolve("out"), "a file where the output folder should be");
        FailingBackendProvider device = healthy();
        EmulensException ex = assertThrows(EmulensException.class, () -> run(file, device, false));
        assertTrue(ex.getMessage().startsWith("cannot prepare " + dir.resolve("out/.result.nc.partial")),
                ex.getMessage());
        assertEquals(0, device.launches(), "no work before the output folder is known to be writable");
    }

    @Test
    void aReadOnlyOutputFolderIsNamedBeforeAnyWorkAndThePreviousOutputStays(@TempDir Path dir) throws IOException {
        assumeTrue(!"root".equals(System.getProperty("user.name")),
                "skipped: root writes into read-only folders; AtomicFileFaultsTest covers a failed final write");
        Path file = study(dir);
        Path output = run(file, healthy(), false).output();
        byte[] previous = Files.readAllBytes(output);
        Path folder = output.getParent();
        folder.toFile().setWritable(false, false);
        try {
            FailingBackendProvider device = healthy();
            EmulensException ex = assertThrows(EmulensException.class, () -> run(file, device, false));
            assertTrue(ex.getMessage().startsWith("cannot prepare "), ex.getMessage());
            assertEquals(0, device.launches(), "no work before the output folder is known to be writable");
            assertArrayEquals(previous, Files.readAllBytes(output), "the previous output is intact");
        } finally {
            folder.toFile().setWritable(true, true);
        }
    }

    @Test
    void aStudyTooBigForMemoryIsRefusedBeforeAnyWorkWithWhatItNeeds(@TempDir Path dir) throws IOException {
        Path file = study(dir);
        Study s = StudyFile.read(file, linear());
        FailingBackendProvider device = healthy();
        MemoryLimitException ex;
        try (Backend b = device.open(new BackendOptions(1, 0))) {
            StudyRunner runner = new StudyRunner(s, linear(), b, "test").withMemoryBudget(MemoryBudget.of(1L << 20));
            ex = assertThrows(MemoryLimitException.class, () -> runner.run(false, null));
        }
        // 48 x 104 cells of 0.25 degrees, 2 days; 3 inputs and 1 output with mean, sd, 2 quantiles, 1 exceedance.
        assertTrue(ex.getMessage().startsWith("study 'faults': 4,992 cells x 2 time steps x 5 statistics needs about"),
                ex.getMessage());
        assertTrue(ex.getMessage().contains("split the region or the period into several studies")
                && ex.getMessage().contains("EMULENS_JAVA_OPTS=-Xmx"), ex.getMessage());
        assertEquals(0, device.launches(), "refused before any work");
        assertFalse(Files.exists(dir.resolve("out/result.nc")));
    }

    private static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
