package org.emulens.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The file a fuzz test rewrites with each input, in a temporary folder of its own (which may hold other
 * files the reader looks for), and the check that every error names it.
 */
public final class FuzzFile {
    private final Path dir;
    private final Path file;

    private FuzzFile(Path dir, Path file) {
        this.dir = dir;
        this.file = file;
    }

    /** A new temporary folder {@code prefix…} that will hold the inputs as {@code name}. */
    public static FuzzFile in(String prefix, String name) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        return new FuzzFile(dir, dir.resolve(name));
    }

    public Path dir() {
        return dir;
    }

    /** Writes one input; returns the file. */
    public Path write(byte[] bytes) throws IOException {
        return Files.write(file, bytes);
    }

    /** Removes the folder and everything in it. */
    public void delete() throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.walk(dir)) {
            all = s.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            Files.deleteIfExists(p);
        }
    }

    /** An error whose message does not name the input file is a finding. */
    public void assertNamedIn(Throwable error) {
        assertTrue(error.getMessage() != null && error.getMessage().contains(file.toString()),
                "an error that does not name the file: " + error.getMessage());
    }
}
