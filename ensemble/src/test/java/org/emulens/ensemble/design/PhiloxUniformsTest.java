package org.emulens.ensemble.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.emulens.ensemble.rng.MemberDraws;
import org.emulens.ensemble.rng.ReservedStreams;
import org.junit.jupiter.api.Test;

class PhiloxUniformsTest {

    @Test
    void isTheDocumentedFunctionOfTheDesignStream() {
        PhiloxUniforms u = PhiloxUniforms.seeded(99);
        for (long row : new long[] {0, 1, 12345, 1L << 40}) {
            for (int dim : new int[] {0, 3, 1000}) {
                long hi = Integer.toUnsignedLong(MemberDraws.uniformBits(99, ReservedStreams.DESIGN, 0, row, 2 * dim));
                long lo = Integer.toUnsignedLong(MemberDraws.uniformBits(99, ReservedStreams.DESIGN, 0, row, 2 * dim + 1));
                double expected = (hi * 0x1p20 + (lo >>> 12) + 0.5) / 0x1p52;
                assertEquals(expected, u.uniform(row, dim), 0.0);
                assertEquals((int) hi, u.bits32(row, dim));
            }
        }
    }

    @Test
    void extremesStayInsideTheOpenInterval() {
        // k = 2^52 - 1 is the largest: (k + 1/2) / 2^52 must be < 1 exactly in double.
        assertTrue(((0x1p52 - 1) + 0.5) / 0x1p52 < 1.0);
        assertTrue(0.5 / 0x1p52 > 0.0);
    }

    @Test
    void isUniform() {
        PhiloxUniforms u = PhiloxUniforms.seeded(7);
        double[] x = new double[20000];
        for (int i = 0; i < x.length; i++) {
            x[i] = u.uniform(i, i % 5);
        }
        // Fixed seed, so deterministic; with a fresh seed this would fail with probability 1e-6.
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(
                new org.apache.commons.math3.distribution.UniformRealDistribution(0, 1), x);
        assertTrue(p > 1e-6, "KS p = " + p);
    }
}
