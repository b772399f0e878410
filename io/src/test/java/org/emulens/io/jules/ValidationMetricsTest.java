package org.emulens.io.jules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Against the textbook two-pass formulas, and split-and-combine against the whole. */
class ValidationMetricsTest {

    @Test
    void matchesTwoPassFormulasAndCombinesToTheWhole() {
        Random r = new Random(5);
        int n = 1000;
        double[] e = new double[n];
        double[] j = new double[n];
        for (int k = 0; k < n; k++) {
            j[k] = 10 + r.nextGaussian();
            e[k] = 0.8 * j[k] + 2.5 + 0.3 * r.nextGaussian();
        }
        double me = 0;
        double mj = 0;
        for (int k = 0; k < n; k++) {
            me += e[k] / n;
            mj += j[k] / n;
        }
        double sse = 0;
        double sjj = 0;
        double see = 0;
        double sej = 0;
        for (int k = 0; k < n; k++) {
            sse += (e[k] - j[k]) * (e[k] - j[k]);
            sjj += (j[k] - mj) * (j[k] - mj);
            see += (e[k] - me) * (e[k] - me);
            sej += (e[k] - me) * (j[k] - mj);
        }
        ValidationMetrics whole = new ValidationMetrics();
        ValidationMetrics a = new ValidationMetrics();
        ValidationMetrics b = new ValidationMetrics();
        for (int k = 0; k < n; k++) {
            whole.accept(e[k], j[k]);
            (k % 3 == 0 ? a : b).accept(e[k], j[k]);
        }
        whole.accept(Double.NaN, 1);
        a.combine(b);
        for (ValidationMetrics m : new ValidationMetrics[] {whole, a}) {
            assertEquals(n, m.count());
            assertEquals(Math.sqrt(sse / n), m.rmse(), 1e-12);
            assertEquals(me - mj, m.bias(), 1e-12);
            assertEquals(1 - sse / sjj, m.r2(), 1e-12);
            assertEquals(sej / Math.sqrt(see * sjj), m.correlation(), 1e-12);
        }
        ValidationMetrics empty = new ValidationMetrics();
        assertTrue(Double.isNaN(empty.rmse()) && Double.isNaN(empty.r2()));
    }
}
