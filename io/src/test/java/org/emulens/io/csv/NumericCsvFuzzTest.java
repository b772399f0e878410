package org.emulens.io.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.emulens.engine.EmulensException;
import org.emulens.engine.FuzzFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Mutated CSV files (seeded in NumericCsvFuzzTestInputs) either read into a table of the right shape or
 * fail with a {@link CsvFormatException} that names the file.
 */
class NumericCsvFuzzTest {
    private static final List<String> COLUMNS = List.of("theta", "theta_wilt", "a");
    private static FuzzFile input;

    @BeforeAll
    static void makeDir() throws IOException {
        input = FuzzFile.in("csv-fuzz", "in.csv");
    }

    @AfterAll
    static void removeDir() throws IOException {
        input.delete();
    }

    @FuzzTest(maxDuration = "10s")
    void csvFailsOnlyWithCsvFormatException(byte[] bytes) throws IOException {
        Path file = input.write(bytes);
        for (List<String> columns : List.of(COLUMNS.subList(0, 2), COLUMNS.subList(2, 3))) {
            try {
                NumericCsv.Table t = NumericCsv.read(file, columns);
                assertEquals((long) t.rows() * columns.size(), t.values().length);
            } catch (CsvFormatException ex) {
                assertTrue(ex.getMessage() != null && ex.getMessage().startsWith(file.toString()),
                        "an error that does not name the file: " + ex.getMessage());
            } catch (EmulensException ex) {
                throw new AssertionError("expected a CsvFormatException, got " + ex, ex);
            }
        }
    }
}
