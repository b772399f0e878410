package org.emulens.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.emulens.engine.EmulensException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that fails half-way (a full disk, a folder that cannot be written) is an error naming the
 * file and the cause, leaves the previous file exactly as it was, and leaves no temporary file behind.
 */
class AtomicFileFaultsTest {

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFullDiskIsNamedAndThePreviousFileStays(@TempDir Path dir) throws IOException {
        assumeTrue(Files.exists(Path.of("/dev/full")), "skipped: no /dev/full to fill a disk with");
        Path target = dir.resolve("result.nc");
        Files.writeString(target, "the previous, complete result");
        EmulensException ex = assertThrows(EmulensException.class, () -> AtomicFile.writeFile(target, tmp -> {
            // The temporary file's blocks come from /dev/full: the kernel answers ENOSPC, as a full disk does.
            Files.delete(tmp);
            Files.createSymbolicLink(tmp, Path.of("/dev/full"));
            Files.write(tmp, new byte[1 << 16]);
        }));
        assertTrue(ex.getMessage().startsWith(target + ": cannot write")
                && ex.getMessage().contains("No space left on device"), ex.getMessage());
        assertEquals("the previous, complete result", Files.readString(target));
        assertEquals(List.of("result.nc"), names(dir), "no temporary file is left");
    }

    @Test
    void aWriterThatFailsHalfWayLeavesThePreviousFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("table.csv");
        Files.writeString(target, "a,b\n1,2\n");
        EmulensException ex = assertThrows(EmulensException.class, () -> AtomicFile.write(target, w -> {
            w.write("a,b\n3,");
            throw new IOException("No space left on device");
        }));
        assertTrue(ex.getMessage().contains("table.csv") && ex.getMessage().contains("No space left"), ex.getMessage());
        assertEquals("a,b\n1,2\n", Files.readString(target));
        assertEquals(List.of("table.csv"), names(dir));
    }

    @Test
    void aFolderThatCannotBeMadeIsNamed(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("out"), "a file where a folder should be");
        Path target = dir.resolve("out/result.nc");
        EmulensException ex = assertThrows(EmulensException.class,
                () -> AtomicFile.write(target, w -> w.write("x")));
        assertTrue(ex.getMessage().startsWith(target + ": cannot write"), ex.getMessage());
    }

    @Test
    void aReadOnlyFolderIsNamedAndThePreviousFileStays(@TempDir Path dir) throws IOException {
        assumeTrue(!"root".equals(System.getProperty("user.name")), "skipped: root writes into read-only folders");
        Path target = dir.resolve("result.csv");
        Files.writeString(target, "previous");
        dir.toFile().setWritable(false, false);
        try {
            EmulensException ex = assertThrows(EmulensException.class, () -> AtomicFile.write(target, w -> w.write("x")));
            assertTrue(ex.getMessage().contains("permission denied"), ex.getMessage());
            assertEquals("previous", Files.readString(target));
        } finally {
            dir.toFile().setWritable(true, true);
        }
    }
}
