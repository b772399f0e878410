package org.emulens.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.emulens.engine.EmulensException;

/**
 * Writes a result beside its final name and renames it into place only when complete, so a crash
 * or Ctrl-C never leaves a half-written file that looks whole.
 */
public final class AtomicFile {

    /** Writes the content; may throw IOException, which is reported with the file name. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Writer w) throws IOException;
    }

    /** Writes to a file path; may throw IOException. */
    @FunctionalInterface
    public interface FileContent {
        void writeTo(Path temporary) throws IOException;
    }

    private AtomicFile() {
    }

    public static void write(Path target, Content content) {
        writeFile(target, tmp -> {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                content.writeTo(w);
            }
        });
    }

    /**
     * A temporary file readable as an ordinary new file would be (rw-r--r--, less the umask): the
     * default of createTempFile, owner-only, would survive the rename and hide results from a group.
     */
    private static Path createTemporary(Path dir, String name) throws IOException {
        String prefix = "." + name + ".";
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(dir, prefix, ".part",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        }
        return Files.createTempFile(dir, prefix, ".part");
    }

    /** For writers that need a path (NetCDF, PNG): they write {@code temporary}, which is then renamed. */
    public static void writeFile(Path target, FileContent content) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = createTemporary(dir, abs.getFileName().toString());
            content.writeTo(tmp);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException ex) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (AccessDeniedException ex) {
            throw new EmulensException(target + ": cannot write there (permission denied: " + ex.getFile() + ")", ex);
        } catch (IOException ex) {
            throw new EmulensException(target + ": cannot write: " + ex, ex);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original error matters more than a leftover temporary file
                }
            }
        }
    }
}
