package org.emulens.ensemble.design;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SobolSequenceTest {

    /** SciPy's unscrambled points (see the README next to the CSV), compared exactly. */
    @Test
    void unscrambledEqualsScipyForLowAndHighDimensions() throws IOException {
        List<long[]> table = readCsv("sobol-scipy-reference.csv");
        long[] columns = table.get(0);
        double[][] ours = SobolSequence.unscrambled(SobolSequence.MAX_DIMENSIONS).sample(1024);
        assertEquals(1024, table.size() - 1);
        for (int i = 0; i < 1024; i++) {
            long[] row = table.get(i + 1);
            assertEquals(i, row[0]);
            for (int c = 1; c < columns.length; c++) {
                int dim = (int) columns[c];
                assertEquals(row[c] * 0x1p-30, ours[i][dim], 0.0, "point " + i + ", dimension " + dim);
            }
        }
    }

    @Test
    void lowDimensionalSequencesArePrefixesOfHighDimensionalOnes() {
        double[][] wide = SobolSequence.unscrambled(10).sample(256);
        for (int d = 1; d <= 10; d++) {
            double[][] narrow = SobolSequence.unscrambled(d).sample(256);
            for (int i = 0; i < 256; i++) {
                for (int j = 0; j < d; j++) {
                    assertEquals(wide[i][j], narrow[i][j], 0.0);
                }
            }
        }
    }

    @Test
    void startingMidSequenceEqualsScipyFastForward() throws IOException {
        List<long[]> table = readCsv("sobol-scipy-fast-forward.csv");
        long first = table.get(1)[0];
        double[][] ours = SobolSequence.unscrambled(10).sample(first, table.size() - 1);
        for (int i = 0; i < ours.length; i++) {
            for (int j = 0; j < 10; j++) {
                assertEquals(table.get(i + 1)[j + 1] * 0x1p-30, ours[i][j], 0.0, "point " + (first + i));
            }
        }
    }

    @Test
    void chunksJoinIntoTheWholeSequence() {
        SobolSequence s = SobolSequence.scrambled(7, 99L);
        double[][] whole = s.sample(1000);
        for (int first : new int[] {0, 1, 313, 512, 999}) {
            double[][] chunk = s.sample(first, 1000 - first);
            for (int i = 0; i < chunk.length; i++) {
                assertArrayEquals(whole[first + i], chunk[i], 0.0);
            }
        }
    }

    /**
     * Linear matrix scrambling and digital shifts preserve the net property, so for n = 2^m every one of the
     * 2^k intervals [i/2^k, (i+1)/2^k), k <= m, of every dimension holds exactly 2^(m-k) points.
     */
    @Test
    void randomisedPointsStayStratifiedInEveryDimension() {
        int m = 10;
        for (SobolSequence s : new SobolSequence[] {SobolSequence.scrambled(64, 5L),
                SobolSequence.digitallyShifted(64, SplitMix64Uniforms.seeded(6L))}) {
            double[][] x = s.sample(1 << m);
            for (int j = 0; j < s.dimensions(); j++) {
                for (int k = 0; k <= m; k++) {
                    int[] counts = new int[1 << k];
                    for (double[] point : x) {
                        counts[(int) (point[j] * (1 << k))]++;
                    }
                    for (int c : counts) {
                        assertEquals(1 << (m - k), c, s + ": dimension " + j + ", 2^" + k + " intervals");
                    }
                }
            }
        }
    }

    /**
     * The first two Sobol' dimensions form a (0, m, 2)-net: every dyadic box of area 2^-m holds exactly one of
     * 2^m points. Scrambling must keep that.
     */
    @Test
    void scrambledFirstTwoDimensionsFormAZeroNet() {
        int m = 8;
        double[][] x = SobolSequence.scrambled(2, 11L).sample(1 << m);
        for (int a = 0; a <= m; a++) {
            int b = m - a;
            int[][] counts = new int[1 << a][1 << b];
            for (double[] point : x) {
                counts[(int) (point[0] * (1 << a))][(int) (point[1] * (1 << b))]++;
            }
            for (int[] row : counts) {
                for (int c : row) {
                    assertEquals(1, c, "boxes 2^-" + a + " x 2^-" + b);
                }
            }
        }
    }

    @Test
    void randomisedPointsAreStrictlyInsideTheCubeAndSeedDependent() {
        double[][] x = SobolSequence.scrambled(16, 1L).sample(4096);
        for (double[] point : x) {
            for (double v : point) {
                assertTrue(v > 0 && v < 1);
            }
        }
        assertArrayEquals(x[3], SobolSequence.scrambled(16, 1L).sample(4)[3], 0.0, "same seed, same points");
        assertFalse(x[3][0] == SobolSequence.scrambled(16, 2L).sample(4)[3][0], "other seed, other points");
        assertTrue(SobolSequence.scrambled(1, 1L).isRandomised());
        assertFalse(SobolSequence.unscrambled(1).isRandomised());
    }

    @Test
    void limitsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> SobolSequence.unscrambled(0));
        assertThrows(IllegalArgumentException.class,
                () -> SobolSequence.unscrambled(SobolSequence.MAX_DIMENSIONS + 1));
        SobolSequence s = SobolSequence.unscrambled(1);
        assertThrows(IllegalArgumentException.class, () -> s.sample(SobolSequence.MAX_POINTS - 1, 2));
        // Point 2^32 - 1 has Gray code 2^31: in dimension 0 only the last direction number, 2^-32, is used.
        assertEquals(0x1p-32, s.sample(SobolSequence.MAX_POINTS - 1, 1)[0][0], 0.0);
    }

    private static List<long[]> readCsv(String resource) throws IOException {
        List<long[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                SobolSequenceTest.class.getResourceAsStream(resource), StandardCharsets.US_ASCII))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",");
                long[] row = new long[f.length];
                for (int i = 0; i < f.length; i++) {
                    row[i] = f[i].equals("index") ? -1 : Long.parseLong(f[i]);
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
