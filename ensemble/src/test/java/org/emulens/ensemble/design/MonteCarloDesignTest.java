package org.emulens.ensemble.design;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MonteCarloDesignTest {

    @Test
    void coordinateIsTheSourceAtRowAndDimension() {
        UnitUniforms source = (row, dim) -> (row * 10 + dim + 0.5) / 1000.0;
        double[][] x = MonteCarloDesign.of(3, source).sample(5, 2);
        assertArrayEquals(new double[] {50.5 / 1000, 51.5 / 1000, 52.5 / 1000}, x[0], 0.0);
        assertArrayEquals(new double[] {60.5 / 1000, 61.5 / 1000, 62.5 / 1000}, x[1], 0.0);
    }

    @Test
    void chunksJoinIntoTheWholeDesign() {
        MonteCarloDesign d = MonteCarloDesign.seeded(4, 9L);
        double[][] whole = d.sample(100);
        double[][] tail = d.sample(60, 40);
        for (int i = 0; i < 40; i++) {
            assertArrayEquals(whole[60 + i], tail[i], 0.0);
        }
        assertEquals(4, d.dimensions());
    }
}
