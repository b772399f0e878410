package org.emulens.io.products;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.emulens.engine.EmulensException;
import org.emulens.io.grid.GeoBox;
import org.emulens.io.grid.GridField;
import org.emulens.io.grid.LatLonGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cross-walk table: Poulter et al. (2015) rows, user tables, and the errors they can hold. */
class LandCoverCrosswalkTest {
    @Test
    void poulterRowsAreThoseOfThePaper() {
        LandCoverCrosswalk c = LandCoverCrosswalk.poulter2015();
        assertEquals(38, c.classes().size());
        int tbe = c.pftNames().indexOf("tree_be");
        int grass = c.pftNames().indexOf("natural_grass");
        int urban = c.pftNames().indexOf("urban");
        // class 50, broadleaved evergreen forest: 90% trees; class 190, urban: 75% urban, 15% grass
        assertEquals(0.90, c.fractions(50)[tbe], 1e-12);
        assertEquals(0.75, c.fractions(190)[urban], 1e-12);
        assertEquals(0.15, c.fractions(190)[grass], 1e-12);
        for (int code : c.classes()) {
            double sum = 0;
            for (double f : c.fractions(code)) {
                sum += f;
            }
            assertEquals(1.0, sum, 1e-12, "class " + code);
        }
    }

    @Test
    void aClassNotInTheTableIsNamedWithWhereItIs() {
        LatLonGrid grid = LatLonGrid.regular(GeoBox.of(0, 1, 0, 2), 1);
        GridField classes = GridField.of("lccs_class", "1", grid, new float[] {10, 45});
        EmulensException e = assertThrows(EmulensException.class, () -> LandCoverCrosswalk.poulter2015().apply(classes));
        assertTrue(e.getMessage().contains("class 45 at lat 0.5, lon 1.5"), e.getMessage());
    }

    @Test
    void aUserTableIsReadAndChecked(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("jules5.csv");
        Files.writeString(good, "# two-tile toy table\nclass,trees,grass\n1,60,40\n2,0,100\n");
        LandCoverCrosswalk c = LandCoverCrosswalk.fromCsv(good);
        assertArrayEquals(new double[] {0.6, 0.4}, c.fractions(1), 1e-12);

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "class,trees,grass\n1,60,30\n");
        EmulensException e = assertThrows(EmulensException.class, () -> LandCoverCrosswalk.fromCsv(bad));
        assertTrue(e.getMessage().contains(bad + ":2: class 1: expected fractions summing to 100 percent, found 90"),
                e.getMessage());
    }
}
