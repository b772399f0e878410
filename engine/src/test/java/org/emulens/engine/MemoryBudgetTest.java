package org.emulens.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryBudgetTest {

    @Test
    void workThatDoesNotFitSaysWhatItNeedsWhatIsFreeAndHowToShrinkIt() {
        MemoryBudget budget = MemoryBudget.of(100L << 20);
        budget.require("small work", 70L << 20, "never shown");
        MemoryLimitException ex = assertThrows(MemoryLimitException.class,
                () -> budget.require("study 'x': 1,000,000 cells", 3L << 30, "split the region"));
        assertEquals("study 'x': 1,000,000 cells needs about 3072 MiB of memory, but only 100 MiB of the Java heap's "
                + "100 MiB is free; split the region, or give Java more memory (EMULENS_JAVA_OPTS=-Xmx4g)",
                ex.getMessage());
    }

    @Test
    void sizesThatOverflowAreRefusedNotWrapped() {
        assertEquals(Long.MAX_VALUE, MemoryBudget.bytes(Long.MAX_VALUE / 2, 4));
        MemoryLimitException ex = assertThrows(MemoryLimitException.class, () -> MemoryBudget.of(1L << 30)
                .require("absurd", MemoryBudget.bytes(1L << 62, 8), "make it smaller"));
        assertTrue(ex.getMessage().contains("more than 8 EiB"), ex.getMessage());
    }

    /**
     * A model file bigger than a small heap can import is refused before it is read, in a JVM of 64 MiB
     * (the file is sparse: it takes no disk space).
     */
    @Test
    void aModelTooBigForTheHeapIsRefusedBeforeReading(@TempDir Path dir) throws IOException, InterruptedException {
        Path big = dir.resolve("big.onnx");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(200L << 20);
        }
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), ReadModel.class.getName(), big.toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertTrue(out.startsWith("MemoryLimitException: " + big + ": importing a model file of 209715200 bytes needs "
                + "about 600 MiB of memory") && out.contains("export a smaller model")
                && out.contains("EMULENS_JAVA_OPTS=-Xmx"), out);
    }

    /** Reads the model named on the command line and prints the exception's type and message. */
    static final class ReadModel {
        public static void main(String[] args) {
            try {
                ModelFiles.read(Path.of(args[0]));
                System.out.println("read");
            } catch (EmulensException ex) {
                System.out.println(ex.getClass().getSimpleName() + ": " + ex.getMessage());
            }
        }
    }
}
