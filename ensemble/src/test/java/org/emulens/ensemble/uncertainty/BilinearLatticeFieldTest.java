package org.emulens.ensemble.uncertainty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The lattice geometry: node ids, normalised bilinear weights and the limits on the spacing. */
class BilinearLatticeFieldTest {

    @Test
    void oneDegreeLatticeHasRowsAndColumnsCoveringTheGlobePlusOne() {
        BilinearLatticeField field = BilinearLatticeField.withSpacing("x", 1f);
        assertEquals(182, field.rows());
        assertEquals(362, field.columns());
    }

    @Test
    void cellOnANodeTakesThatNodeAlone() {
        BilinearLatticeField field = BilinearLatticeField.withSpacing("x", 0.5f);
        int[] nodes = new int[4];
        float[] weights = new float[4];
        field.locate(-89.5f, -179f, nodes, weights, 0);
        // (lat + 90) / 0.5 = 1, (lon + 180) / 0.5 = 2: node (1, 2).
        int base = field.columns() + 2;
        assertArrayEquals(new int[] {base, base + 1, base + field.columns(), base + field.columns() + 1}, nodes);
        assertArrayEquals(new float[] {1f, 0f, 0f, 0f}, weights);
    }

    @Test
    void cellAtTheCentreOfASquareWeighsItsFourNodesEqually() {
        BilinearLatticeField field = BilinearLatticeField.withSpacing("x", 2f);
        int[] nodes = new int[8];
        float[] weights = new float[8];
        field.locate(1f, 3f, nodes, weights, 4);
        // Raw weights ¼ each, norm ½, so ½ each: variance (4 · ¼) = 1.
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, java.util.Arrays.copyOfRange(weights, 4, 8));
        int row = 45; // (1 + 90) / 2 = 45.5
        int column = 91; // (3 + 180) / 2 = 91.5
        assertEquals(row * field.columns() + column, nodes[4]);
    }

    @Test
    void normalisedWeightsHaveUnitSumOfSquaresAndRatiosOfTheBilinearOnes() {
        BilinearLatticeField field = BilinearLatticeField.withSpacing("x", 0.75f);
        Random random = new Random(11);
        int[] nodes = new int[4];
        float[] weights = new float[4];
        for (int i = 0; i < 10_000; i++) {
            float lat = -90f + 180f * random.nextFloat();
            float lon = -180f + 360f * random.nextFloat();
            field.locate(lat, lon, nodes, weights, 0);
            double fy = (lat + 90.0) / 0.75 - Math.floor((lat + 90.0) / 0.75);
            double fx = (lon + 180.0) / 0.75 - Math.floor((lon + 180.0) / 0.75);
            if (Math.min(Math.min(fy, 1 - fy), Math.min(fx, 1 - fx)) < 1e-4) {
                continue; // float and double may put a cell this close to a node line in different squares
            }
            double[] raw = {(1 - fy) * (1 - fx), (1 - fy) * fx, fy * (1 - fx), fy * fx};
            double norm = Math.sqrt(raw[0] * raw[0] + raw[1] * raw[1] + raw[2] * raw[2] + raw[3] * raw[3]);
            double squares = 0;
            for (int n = 0; n < 4; n++) {
                squares += (double) weights[n] * weights[n];
                // Float position arithmetic (lat + 90 rounded to 2^-17 or so, divided by 0.75) moves the
                // fractions by up to about 1e-5 against this double computation.
                assertEquals(raw[n] / norm, weights[n], 3e-5, "weight " + n + " at (" + lat + ", " + lon + ")");
            }
            assertEquals(1.0, squares, 1e-6);
        }
    }

    @Test
    void cornersOfTheGlobeStayWithinTheLattice() {
        for (float spacing : new float[] {0.7f, 1f, 7f, 360f, 1000f}) {
            BilinearLatticeField field = BilinearLatticeField.withSpacing("x", spacing);
            int[] nodes = new int[4];
            float[] weights = new float[4];
            long count = (long) field.rows() * field.columns();
            for (float lat : new float[] {-90f, 90f}) {
                for (float lon : new float[] {-180f, 180f}) {
                    field.locate(lat, lon, nodes, weights, 0);
                    for (int node : nodes) {
                        assertTrue(Integer.toUnsignedLong(node) < count, "node " + node + " of " + count);
                    }
                }
            }
        }
    }

    @Test
    void spacingMustBePositiveAndLeaveRoomForThirtyTwoBitNodeIds() {
        assertEquals("input 'lst': correlation length must be a finite number of degrees > 0, found 0.0",
                assertThrows(UncertaintyException.class, () -> BilinearLatticeField.withSpacing("lst", 0f))
                        .getMessage());
        assertThrows(UncertaintyException.class, () -> BilinearLatticeField.withSpacing("lst", -1f));
        assertThrows(UncertaintyException.class, () -> BilinearLatticeField.withSpacing("lst", Float.NaN));
        assertThrows(UncertaintyException.class,
                () -> BilinearLatticeField.withSpacing("lst", Float.POSITIVE_INFINITY));
        // (180/L + 2)(360/L + 2) <= 2^32 - 1 needs L >= about 0.003885 degrees.
        BilinearLatticeField.withSpacing("lst", 0.0039f);
        String tooFine = assertThrows(UncertaintyException.class,
                () -> BilinearLatticeField.withSpacing("lst", 0.0038f)).getMessage();
        assertTrue(tooFine.startsWith("input 'lst': correlation length 0.0038 degrees needs "), tooFine);
    }
}
