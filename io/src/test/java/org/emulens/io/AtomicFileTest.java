package org.emulens.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer that fails half-way leaves nothing; one that succeeds leaves an ordinary readable file. */
class AtomicFileTest {
    @Test
    void aFailureHalfWayLeavesNothing(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("out.nc");
        assertThrows(IllegalStateException.class, () -> AtomicFile.writeFile(target, tmp -> {
            Files.writeString(tmp, "half a file");
            throw new IllegalStateException("writer died");
        }));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void theResultIsReadableByOthers(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("out.csv");
        AtomicFile.write(target, w -> w.write("a,b\n"));
        String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(target));
        assertEquals("r", perms.substring(6, 7), "others may read it (umask permitting): " + perms);
    }
}
