package org.emulens.io.study.gpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.emulens.io.study.StudyConfigException;
import org.junit.jupiter.api.Test;

class ClassConfusionTest {

    /**
     * 20000 draws of a class mapped right with probability 0.7: the share kept has sd sqrt(0.21 / 20000) =
     * 0.0032, so a tolerance of 0.015 (4.6 sd) fails a correct implementation about once in 200000 runs.
     */
    @Test
    void drawsFollowTheConfusionRow() {
        ClassConfusion c = ClassConfusion.ofAccuracy(List.of(10, 60, 130), 0.7);
        int kept = 0;
        int to130 = 0;
        int n = 20000;
        for (int m = 0; m < n; m++) {
            int k = c.draw(9, 3, m, 0, 10);
            kept += k == 10 ? 1 : 0;
            to130 += k == 130 ? 1 : 0;
        }
        assertEquals(0.7, kept / (double) n, 0.015);
        assertEquals(0.15, to130 / (double) n, 0.012);
    }

    @Test
    void drawsAreAPureFunctionOfTheirAddressAndUnlistedClassesStay() {
        ClassConfusion c = ClassConfusion.ofAccuracy(List.of(10, 60), 0.5);
        for (int m = 0; m < 50; m++) {
            assertEquals(c.draw(5, 7, m, 2, 10), c.draw(5, 7, m, 2, 10));
            assertEquals(210, c.draw(5, 7, m, 2, 210));
            assertEquals(60, ClassConfusion.none().draw(5, 7, m, 2, 60));
        }
    }

    @Test
    void badMatricesAreRejectedWithTheRow() {
        StudyConfigException ex = assertThrows(StudyConfigException.class,
                () -> ClassConfusion.of(List.of(10, 60), new double[][] {{0.9, 0.2}, {0, 1}}));
        assertEquals("land-cover confusion: row for class 10 must sum to 1, found 1.1", ex.getMessage());
    }
}
