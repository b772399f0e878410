package org.emulens.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emulens.engine.backend.TanhMode;
import org.junit.jupiter.api.Test;

class FastTanhTest {

    /**
     * Every 16th float bit pattern in [0, 20] (about 17 million values; tanh is odd and the clamp
     * covers the rest), against the JDK's tanh in double.
     */
    @Test
    void staysWithinTheDocumentedBound() {
        double worst = 0;
        float worstAt = 0;
        int end = Float.floatToRawIntBits(20f);
        for (int bits = 0; bits <= end; bits += 16) {
            float x = Float.intBitsToFloat(bits);
            double err = Math.abs(FastTanh.tanh(x) - Math.tanh(x));
            if (err > worst) {
                worst = err;
                worstAt = x;
            }
            assertEquals(-FastTanh.tanh(x), FastTanh.tanh(-x), 0f, () -> "odd symmetry at " + x);
        }
        assertTrue(worst < TanhMode.FAST_MAX_ABS_ERROR, "max error " + worst + " at " + worstAt);
    }

    @Test
    void saturatesAndKeepsSpecialValues() {
        assertEquals(1f, FastTanh.tanh(Float.POSITIVE_INFINITY));
        assertEquals(-1f, FastTanh.tanh(-1e30f));
        assertEquals(0f, FastTanh.tanh(0f));
        assertTrue(Float.isNaN(FastTanh.tanh(Float.NaN)));
    }

    @Test
    void blockLoopEqualsScalarFunction() {
        float[] v = new float[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i - 500) * 0.013f;
        }
        float[] w = v.clone();
        FastTanh.apply(w, 0, w.length);
        for (int i = 0; i < v.length; i++) {
            assertEquals(FastTanh.tanh(v[i]), w[i], 0f);
        }
    }
}
