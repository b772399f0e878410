package org.emulens.ensemble.rng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/**
 * The counter layout, the uniform and normal mappings, and their statistical quality.
 *
 * <p>Statistical assertions use a fixed seed, so they are deterministic; each threshold is chosen so that
 * with a fresh random seed that assertion would fail with probability at most 1e-6 if the generator were
 * ideal (two-sided normal quantile z = 4.892 for the moment and correlation checks, p-value 1e-6 for the
 * Kolmogorov–Smirnov checks).
 */
class MemberDrawsTest {
    private static final long SEED = 0x0123456789ABCDEFL;
    /** Two-sided standard normal quantile for a false-failure rate of 1e-6. */
    private static final double Z_1E6 = 4.892;

    // Expected words and uniforms computed independently with numpy uint64 arithmetic, from the layout as
    // written in the MemberDraws javadoc and a separate Philox4x32-10 checked against Random123's vectors.

    @Test
    void wordsFollowTheDocumentedCounterLayout() {
        assertEquals(0x3b533fd4, MemberDraws.uniformBits(SEED, 0, 17, 42, 0));
        assertEquals(0x23140aba, MemberDraws.uniformBits(SEED, 0, 17, 42, 7));
        assertEquals(0x607f064b, MemberDraws.uniformBits(SEED, 1, 0xFFFFFFFF, 5_000_000_000L, 4194303));
        assertEquals(0x0bf5c600, MemberDraws.uniformBits(2024, 3, 123456, 0, 1));
        assertEquals(0xa5aa7544, MemberDraws.uniformBits(-1L, 4095, 0, -1L, 2));
    }

    @Test
    void uniformsFollowTheDocumentedLayoutAndMapping() {
        assertEquals(0.23173898458480835f, MemberDraws.uniform(SEED, 0, 17, 42, 0));
        assertEquals(0.13702458143234253f, MemberDraws.uniform(SEED, 0, 17, 42, 7));
        assertEquals(0.3769382834434509f, MemberDraws.uniform(SEED, 1, 0xFFFFFFFF, 5_000_000_000L, 4194303));
        assertEquals(0.0467190146446228f, MemberDraws.uniform(2024, 3, 123456, 0, 1));
        assertEquals(0.6471322178840637f, MemberDraws.uniform(-1L, 4095, 0, -1L, 2));
    }

    @Test
    void normalsPairWordsAsDocumented() {
        // Box–Muller in double precision with numpy's log, cos and sin, on the words of the documented pair.
        // Tolerance 1e-6 relative (about 8 float ulps): PortableFloatMath is within 1.74 ulp and the
        // remaining steps (scaling, sqrt, product) add about 1.5 ulp; a wrong word pairing or a swapped
        // sin/cos would be off by order 1.
        double[] expected = {-1.0759957554921105, 1.3291050930640864, 1.374276646448443, 1.376193607850172,
            -1.8147185376115709, -0.9739745416761856, 0.4408134977509764, 0.5130152421253681};
        for (int n = 0; n < expected.length; n++) {
            float z = MemberDraws.normal(SEED, 0, 17, 42, n);
            assertEquals(expected[n], z, 1e-6 * Math.abs(expected[n]), "normal " + n);
        }
        assertEquals(-0.9296171484038532, MemberDraws.normal(2024, 2, 0xFFFFFFFF, 7, 4194303), 1e-6);
        assertEquals(1.0768077958546272, MemberDraws.normal(2024, 2, 0xFFFFFFFF, 7, 4194302), 1.1e-6);
    }

    @Test
    void normalsAreWithinTheirErrorBoundOfDoublePrecisionBoxMuller() {
        double max = 0;
        for (int member = 0; member < 100_000; member++) {
            for (int n = 0; n < 8; n++) {
                int first = (n & ~3) | (n & 2);
                double u1 = MemberDraws.uniform(SEED, 0, 1, member, first);
                double u2 = MemberDraws.uniform(SEED, 0, 1, member, first + 1);
                double radius = Math.sqrt(-2 * StrictMath.log(u1));
                double exact = (n & 1) == 0
                        ? radius * StrictMath.cos(2 * Math.PI * u2)
                        : radius * StrictMath.sin(2 * Math.PI * u2);
                float z = MemberDraws.normal(SEED, 0, 1, member, n);
                double ulp = Math.scalb(1.0, Math.max(Math.getExponent(exact), Float.MIN_EXPONENT) - 23);
                max = Math.max(max, Math.abs(z - exact) / ulp);
            }
        }
        assertTrue(max <= MemberDraws.NORMAL_MAX_ULP, "max ulp error " + max);
    }

    @Test
    void uniformIsExactlyTheMidpointOfItsCellAndNeverZeroOrOne() {
        for (int k = 0; k < (1 << 23); k++) {
            double exact = (k + 0.5) / (1 << 23);
            for (int lowBits : new int[] {0, 0x1FF}) {
                float u = MemberDraws.uniformFromBits((k << 9) | lowBits);
                assertEquals(exact, u, 0.0);
            }
        }
        assertEquals(0x1p-24f, MemberDraws.uniformFromBits(0));
        assertEquals(1f - 0x1p-24f, MemberDraws.uniformFromBits(0xFFFFFFFF));
        assertTrue(MemberDraws.uniformFromBits(0xFFFFFFFF) < 1f);
    }

    @Test
    void twentyFourBitMidpointsWouldRoundToOne() {
        // Why uniforms use 23 bits: (2^24 - 1) + 0.5 needs 25 significant bits, rounds to even, i.e. 2^24.
        int word = 0xFFFFFFFF;
        float twentyFourBit = ((word >>> 8) + 0.5f) * 0x1p-24f;
        assertEquals(1f, twentyFourBit);
    }

    @Test
    void normalsHaveStandardMoments() {
        int n = 1_000_000;
        float[] z = new float[n];
        for (int chunk = 0; chunk < n; chunk += 250_000) {
            // One member's stream holds 4 Mi values; four members give a million.
            MemberDraws.fillNormals(SEED, 0, 3, chunk / 250_000, 0, z, chunk, 250_000);
        }
        double mean = 0;
        for (float v : z) {
            mean += v;
        }
        mean /= n;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (float v : z) {
            double d = v - mean;
            m2 += d * d;
            m3 += d * d * d;
            m4 += d * d * d * d;
        }
        m2 /= n;
        m3 /= n;
        m4 /= n;
        double skewness = m3 / Math.pow(m2, 1.5);
        double excessKurtosis = m4 / (m2 * m2) - 3;
        // Standard errors of the sample moments of a normal: 1/√n, √(2/n), √(6/n), √(24/n).
        assertEquals(0.0, mean, Z_1E6 / Math.sqrt(n));
        assertEquals(1.0, m2, Z_1E6 * Math.sqrt(2.0 / n));
        assertEquals(0.0, skewness, Z_1E6 * Math.sqrt(6.0 / n));
        assertEquals(0.0, excessKurtosis, Z_1E6 * Math.sqrt(24.0 / n));
    }

    @Test
    void consecutiveNormalsOfOneMemberFollowTheNormalDistribution() {
        int n = 100_000;
        float[] z = new float[n];
        MemberDraws.fillNormals(SEED, ReservedStreams.INPUT_PERTURBATION, 11, 5, 0, z, 0, n);
        assertKolmogorovSmirnovAccepts(new NormalDistribution(null, 0, 1), z);
    }

    @Test
    void firstNormalOfManyMembersFollowsTheNormalDistribution() {
        // The usual access pattern: each member takes a few values in a cell.
        int n = 100_000;
        float[] z = new float[n];
        for (int member = 0; member < n; member++) {
            z[member] = MemberDraws.normal(SEED, ReservedStreams.INPUT_PERTURBATION, 11, member, 0);
        }
        assertKolmogorovSmirnovAccepts(new NormalDistribution(null, 0, 1), z);
    }

    @Test
    void uniformsFollowTheUniformDistribution() {
        int n = 100_000;
        float[] u = new float[n];
        MemberDraws.fillUniforms(SEED, ReservedStreams.DESIGN, 0, 9, 0, u, 0, n);
        assertKolmogorovSmirnovAccepts(new UniformRealDistribution(null, 0, 1), u);
    }

    private static void assertKolmogorovSmirnovAccepts(
            org.apache.commons.math3.distribution.RealDistribution distribution, float[] sample) {
        double[] data = new double[sample.length];
        for (int i = 0; i < sample.length; i++) {
            data[i] = sample[i];
        }
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(distribution, data, false);
        assertTrue(p > 1e-6, "Kolmogorov–Smirnov p-value " + p);
    }

    @Test
    void neighbouringCountersGiveUncorrelatedNormals() {
        int n = 200_000;
        int cell = 1000;
        int stream = ReservedStreams.INPUT_PERTURBATION;
        assertUncorrelated(n, m -> MemberDraws.normal(SEED, stream, cell, m, 0),
                m -> MemberDraws.normal(SEED, stream, cell, m + 1L, 0), "member m and m + 1");
        assertUncorrelated(n, m -> MemberDraws.normal(SEED, stream, cell, m, 0),
                m -> MemberDraws.normal(SEED, stream, cell + 1, m, 0), "cell c and c + 1");
        assertUncorrelated(n, m -> MemberDraws.normal(SEED, 0, cell, m, 0),
                m -> MemberDraws.normal(SEED, 1, cell, m, 0), "stream 0 and 1");
        assertUncorrelated(n, m -> MemberDraws.normal(SEED, stream, cell, m, 0),
                m -> MemberDraws.normal(SEED + 1, stream, cell, m, 0), "seed s and s + 1");
        assertUncorrelated(n, m -> MemberDraws.normal(SEED, stream, cell, m, 0),
                m -> MemberDraws.normal(SEED, stream, cell, m, 1), "Box–Muller pair 0 and 1");
        assertUncorrelated(n, m -> MemberDraws.normal(SEED, stream, cell, m, 3),
                m -> MemberDraws.normal(SEED, stream, cell, m, 4), "index 3 and 4 (block boundary)");
    }

    /** Pearson correlation of n independent pairs has standard deviation about 1/√n. */
    private static void assertUncorrelated(int n, IntToDoubleFunction a, IntToDoubleFunction b, String what) {
        double sa = 0;
        double sb = 0;
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        for (int i = 0; i < n; i++) {
            double x = a.applyAsDouble(i);
            double y = b.applyAsDouble(i);
            sa += x;
            sb += y;
            saa += x * x;
            sbb += y * y;
            sab += x * y;
        }
        double cov = sab / n - (sa / n) * (sb / n);
        double va = saa / n - (sa / n) * (sa / n);
        double vb = sbb / n - (sb / n) * (sb / n);
        double r = cov / Math.sqrt(va * vb);
        assertEquals(0.0, r, Z_1E6 / Math.sqrt(n), what);
    }

    @Test
    void bulkFillsEqualSingleCalls() {
        int first = 5; // deliberately not block-aligned
        int count = 1003;
        float[] normals = new float[count + 2];
        float[] uniforms = new float[count + 2];
        MemberDraws.fillNormals(SEED, 2, 77, 123_456_789_012L, first, normals, 1, count);
        MemberDraws.fillUniforms(SEED, 2, 77, 123_456_789_012L, first, uniforms, 1, count);
        for (int i = 0; i < count; i++) {
            assertEquals(Float.floatToRawIntBits(MemberDraws.normal(SEED, 2, 77, 123_456_789_012L, first + i)),
                    Float.floatToRawIntBits(normals[1 + i]), "normal " + (first + i));
            assertEquals(Float.floatToRawIntBits(MemberDraws.uniform(SEED, 2, 77, 123_456_789_012L, first + i)),
                    Float.floatToRawIntBits(uniforms[1 + i]), "uniform " + (first + i));
        }
        assertEquals(0f, normals[0]);
        assertEquals(0f, normals[count + 1]);
    }

    @Test
    void chunkedFillsInAnyOrderEqualOneWholeFill() {
        int count = 4099;
        float[] whole = new float[count];
        MemberDraws.fillNormals(SEED, 0, 9, 31, 0, whole, 0, count);
        Random random = new Random(20240611);
        for (int trial = 0; trial < 50; trial++) {
            int[] cuts = random.ints(random.nextInt(12), 0, count + 1).sorted().toArray();
            float[] pieces = new float[count];
            // Fill the chunks back to front, so that no state could carry from one chunk to the next.
            int end = count;
            for (int c = cuts.length - 1; c >= -1; c--) {
                int start = c >= 0 ? cuts[c] : 0;
                MemberDraws.fillNormals(SEED, 0, 9, 31, start, pieces, start, end - start);
                end = start;
            }
            assertArrayEquals(whole, pieces, "cuts " + java.util.Arrays.toString(cuts));
        }
    }

    @Test
    void everyAddressFieldChangesTheValue() {
        int base = MemberDraws.uniformBits(SEED, 0, 5, 6, 7);
        assertNotEquals(base, MemberDraws.uniformBits(SEED ^ (1L << 40), 0, 5, 6, 7), "seed high bits");
        assertNotEquals(base, MemberDraws.uniformBits(SEED, 1, 5, 6, 7), "stream");
        assertNotEquals(base, MemberDraws.uniformBits(SEED, 0, 4, 6, 7), "cell");
        assertNotEquals(base, MemberDraws.uniformBits(SEED, 0, 5, 6 + (1L << 32), 7), "member high bits");
        assertNotEquals(base, MemberDraws.uniformBits(SEED, 0, 5, 6, 7 + 4), "block");
    }

    @Test
    void rejectsAddressesOutsideTheLayout() {
        IllegalArgumentException stream = assertThrows(IllegalArgumentException.class,
                () -> MemberDraws.uniform(SEED, 4096, 0, 0, 0));
        assertEquals("stream: expected 0 <= stream < 4096, found 4096", stream.getMessage());
        IllegalArgumentException index = assertThrows(IllegalArgumentException.class,
                () -> MemberDraws.normal(SEED, 0, 0, 0, -1));
        assertEquals("index: expected 0 <= index < 4194304, found -1", index.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> MemberDraws.fillNormals(SEED, 0, 0, 0, MemberDraws.VALUES_PER_STREAM - 2, new float[4], 0, 3));
        assertThrows(IndexOutOfBoundsException.class,
                () -> MemberDraws.fillUniforms(SEED, 0, 0, 0, 0, new float[4], 2, 3));
    }
}
