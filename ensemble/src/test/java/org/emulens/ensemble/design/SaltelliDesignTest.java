package org.emulens.ensemble.design;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SaltelliDesignTest {
    /** A base whose point s is {s + 0.1 j}: each cell says where it came from. */
    private static final UnitCubeDesign LABELLED = new UnitCubeDesign() {
        @Override
        public int dimensions() {
            return 6;
        }

        @Override
        public double[][] sample(int n) {
            double[][] x = new double[n][6];
            for (int s = 0; s < n; s++) {
                for (int j = 0; j < 6; j++) {
                    x[s][j] = s + 0.1 * j;
                }
            }
            return x;
        }
    };

    /** SALib's saltelli.sample order: A, AB_0..AB_{d-1}, BA_0..BA_{d-1}, B per base point. */
    @Test
    void secondOrderRowsFollowSalibOrder() {
        SaltelliDesign design = SaltelliDesign.of(3, 2, true, LABELLED);
        assertEquals(8, design.rowsPerBaseSample());
        assertEquals(16, design.rows());
        double[][] x = design.unitPoints();
        double[][] expectedFirstBlock = {
            {0.0, 0.1, 0.2}, // A
            {0.3, 0.1, 0.2}, {0.0, 0.4, 0.2}, {0.0, 0.1, 0.5}, // A with column i from B
            {0.0, 0.4, 0.5}, {0.3, 0.1, 0.5}, {0.3, 0.4, 0.2}, // B with column i from A
            {0.3, 0.4, 0.5}}; // B
        for (int r = 0; r < 8; r++) {
            assertArrayEquals(expectedFirstBlock[r], x[r], 1e-12, "row " + r);
            for (int j = 0; j < 3; j++) {
                assertEquals(expectedFirstBlock[r][j] + 1, x[8 + r][j], 1e-12, "second block, row " + r);
            }
        }
        assertEquals(8, design.rowA(1));
        assertEquals(15, design.rowB(1));
        assertEquals(11, design.rowAB(1, 2));
        assertEquals(14, design.rowBA(1, 2));
    }

    @Test
    void firstOrderOnlyOmitsBaRows() {
        SaltelliDesign design = SaltelliDesign.of(3, 2, false, LABELLED);
        assertEquals(5, design.rowsPerBaseSample());
        double[][] x = design.unitPoints();
        assertArrayEquals(new double[] {0.0, 0.4, 0.2}, x[2], 1e-12);
        assertArrayEquals(new double[] {0.3, 0.4, 0.5}, x[4], 1e-12);
        assertArrayEquals(new double[] {1.0, 1.1, 1.2}, x[5], 1e-12);
        assertThrows(IllegalStateException.class, () -> design.rowBA(0, 0));
    }

    @Test
    void chunksAreSlicesOfTheWhole() {
        SaltelliDesign design = SaltelliDesign.scrambledSobol(4, 64, true, 5L);
        double[][] whole = design.unitPoints();
        double[][] slice = design.unitPoints(37, 101);
        for (int i = 0; i < slice.length; i++) {
            assertArrayEquals(whole[37 + i], slice[i], 0.0);
        }
    }

    @Test
    void baseDimensionMustBeTwiceTheFactors() {
        assertThrows(IllegalArgumentException.class,
                () -> SaltelliDesign.of(4, 8, true, SobolSequence.unscrambled(6)));
    }
}
