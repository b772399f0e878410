package org.emulens.io.study;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.emulens.engine.EmulensException;

/**
 * Completed chunks of a study, kept in a hidden folder beside the output until the output is written,
 * so {@code --resume} can skip them after Ctrl-C or a crash. Each chunk file is written whole and renamed
 * into place; the folder is tied to one study by a fingerprint of everything that changes the numbers.
 */
final class Checkpoint {
    private final Path dir;
    private final String fingerprint;

    Checkpoint(Path output, String fingerprint) {
        this.dir = output.toAbsolutePath().resolveSibling("." + output.getFileName() + ".partial");
        this.fingerprint = fingerprint;
    }

    Path folder() {
        return dir;
    }

    /** Starts afresh, or (resume) keeps the chunks of the same study; a different study's chunks are an error. */
    void open(boolean resume) {
        try {
            Path stamp = dir.resolve("fingerprint");
            if (resume && Files.isRegularFile(stamp)) {
                String found = Files.readString(stamp).trim();
                if (!found.equals(fingerprint)) {
                    throw new StudyConfigException(dir + ": holds chunks of a different study (the study file, model, "
                            + "seed or members changed); run without --resume to start again");
                }
                return;
            }
            delete();
            Files.createDirectories(dir);
            // Written whole and renamed, as the chunks are: a run killed here must not leave a stamp that
            // a resume would take for another study's.
            Path tmp = dir.resolve("fingerprint.tmp");
            Files.writeString(tmp, fingerprint + "\n");
            Files.move(tmp, stamp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            throw new EmulensException("cannot prepare " + dir + " for the chunks of this run: " + ex, ex);
        }
    }

    float[] load(String chunk, int length) {
        Path f = dir.resolve(chunk);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(Files.newInputStream(f))) {
            int n = in.readInt();
            if (n != length) {
                return null;
            }
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = in.readFloat();
            }
            return v;
        } catch (IOException ex) {
            return null;
        }
    }

    void save(String chunk, float[] values) {
        Path tmp = dir.resolve(chunk + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeInt(values.length);
            for (float v : values) {
                out.writeFloat(v);
            }
        } catch (IOException ex) {
            throw cannotSave(tmp, ex);
        }
        try {
            Files.move(tmp, dir.resolve(chunk), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            throw cannotSave(dir.resolve(chunk), ex);
        }
    }

    private EmulensException cannotSave(Path file, IOException ex) {
        return new EmulensException("cannot write checkpoint " + file + ": " + ex + "; the chunks saved before it are "
                + "kept, so after making room run again with --resume", ex);
    }

    void delete() {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ex) {
            throw new EmulensException("cannot remove " + dir + ": " + ex, ex);
        }
    }
}
