package org.emulens.ensemble.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link MemberPerturber#perturbMembers} against {@link MemberPerturber#perturb} member by member, bit for bit:
 * on the batched path (Gaussian inputs: random, correlated-random and systematic components, parameters,
 * pass-through and NaN inputs, zero and underflowing sds) and on the fallback (correlated fields, truncated
 * Gaussian rejection, lognormal, uniform, empirical).
 */
class MemberPerturberBatchTest {
    private static final List<String> NAMES = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i");
    private static final long[] FIRST_MEMBERS = {0L, 5L, (1L << 32) - 300, 9_000_000_000_000L};
    private static final int[] COUNTS = {0, 1, 15, 16, 17, 255, 256, 257, 700};

    @Test
    void gaussianRandomOnlyAsTheBenchmarkStudy() {
        UncertaintyModel.Builder b = UncertaintyModel.builder(NAMES);
        NAMES.forEach(n -> b.input(n, ErrorShape.gaussian()));
        UncertaintyModel model = b.build();
        float[] sd = {0.1f, 2f, 0.5f, 1e-3f, 7f, 0.25f, 3f, 0.01f, 1f};
        float[] zero = new float[9];
        compare(model, CellUncertainty.of(model, 12, 10f, 20f, sd, zero, zero), nominal(9, 1));
    }

    @Test
    void gaussianWithCorrelatedInputsSystematicParametersAndSpecialValues() {
        UncertaintyModel model = UncertaintyModel.builder(NAMES)
                .input("a", ErrorShape.gaussian())
                .input("b", ErrorShape.gaussian())
                .input("c", ErrorShape.gaussian())
                // "d" passes through unperturbed
                .parameter("e", 3f, 0.25f, ErrorShape.gaussian())
                .input("f", ErrorShape.gaussian())
                .input("g", ErrorShape.gaussian())
                .input("h", ErrorShape.gaussian())
                .input("i", ErrorShape.gaussian())
                .correlation("a", "c", 0.6)
                .correlation("c", "h", -0.3)
                .build();
        float[] sdR = {0.5f, 1f, 0.2f, 9f, 9f, 0f, 1e-30f, 0.3f, 0f};
        float[] sdC = new float[9];
        float[] sdS = {0.1f, 0f, 0.05f, 9f, 9f, 0f, 0f, 0f, 2f};
        float[] x = nominal(9, 2);
        x[1] = Float.NaN; // a fill value stays NaN
        compare(model, CellUncertainty.of(model, 0xFFFF_FFFE, -45f, 170f, sdR, sdC, sdS), x);
    }

    @Test
    void fallsBackToThePerMemberPathForOtherShapesAndCorrelatedFields() {
        UncertaintyModel model = UncertaintyModel.builder(NAMES)
                .input("a", ErrorShape.truncatedGaussian(0f, 0.45f), 2f)
                .input("b", ErrorShape.gaussian(), 0.5f)
                .input("c", ErrorShape.uniform())
                .parameter("e", 50f, 10f, ErrorShape.logNormal())
                .input("f", ErrorShape.logNormal(), 1f)
                .input("g", ErrorShape.empirical(new float[] {-2f, -1f, 0f, 0.5f, 4f}))
                .correlation("a", "b", -0.4)
                .build();
        float[] sdR = {0.2f, 0.8f, 0.02f, 0f, 0f, 0.5f, 0.2f, 0f, 0f};
        float[] sdC = {0.1f, 0.5f, 0f, 0f, 0f, 0.3f, 0f, 0f, 0f};
        float[] sdS = {0.01f, 0.3f, 0.01f, 0f, 0f, 0.1f, 0.1f, 0f, 0f};
        float[] x = nominal(9, 3);
        x[0] = 0.44f; // near the upper bound, so that truncation rejects attempts
        x[5] = 3e-3f;
        compare(model, CellUncertainty.of(model, 4, 51.5f, -0.1f, sdR, sdC, sdS), x);
        // Gaussian shapes but a correlated component: also the fallback.
        UncertaintyModel fields = UncertaintyModel.builder(NAMES).input("a", ErrorShape.gaussian(), 1f)
                .input("b", ErrorShape.gaussian()).build();
        float[] fieldSd = {0.3f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f};
        compare(fields, CellUncertainty.of(fields, 9, 5f, 5f, fieldSd, fieldSd, new float[9]), nominal(9, 4));
    }

    @Test
    void perturbsInPlaceWhenTheNominalIsTheFirstRow() {
        UncertaintyModel.Builder b = UncertaintyModel.builder(NAMES);
        NAMES.forEach(n -> b.input(n, ErrorShape.gaussian()));
        UncertaintyModel model = b.build();
        float[] sd = new float[9];
        Arrays.fill(sd, 0.5f);
        CellUncertainty cell = CellUncertainty.of(model, 3, 0f, 0f, sd, new float[9], new float[9]);
        MemberPerturber p = new MemberPerturber(model);
        float[] x = nominal(9, 5);
        float[] expected = new float[9 * 40];
        for (int m = 0; m < 40; m++) {
            p.perturb(7L, cell, m, x, 0, expected, m * 9);
        }
        float[] rows = new float[9 * 40];
        System.arraycopy(x, 0, rows, 0, 9);
        p.perturbMembers(7L, cell, 0, 40, rows, 0, rows, 0);
        assertBitsEqual(expected, rows, "in place");
    }

    @Test
    void rejectsRowsThatDoNotFit() {
        UncertaintyModel model = UncertaintyModel.builder(NAMES).input("a", ErrorShape.gaussian()).build();
        CellUncertainty cell = CellUncertainty.of(model, 3, 0f, 0f, new float[9], new float[9], new float[9]);
        MemberPerturber p = new MemberPerturber(model);
        assertThrows(IndexOutOfBoundsException.class,
                () -> p.perturbMembers(1L, cell, 0, 3, new float[9], 0, new float[26], 0));
        assertThrows(IllegalArgumentException.class,
                () -> p.perturbMembers(1L, cell, 0, -1, new float[9], 0, new float[26], 0));
    }

    private static void compare(UncertaintyModel model, CellUncertainty cell, float[] x) {
        MemberPerturber p = new MemberPerturber(model);
        int slots = model.slots();
        SplittableRandom r = new SplittableRandom(11);
        for (long first : FIRST_MEMBERS) {
            for (int count : COUNTS) {
                long seed = r.nextLong();
                float[] expected = new float[2 + count * slots];
                for (int m = 0; m < count; m++) {
                    p.perturb(seed, cell, first + m, x, 0, expected, 2 + m * slots);
                }
                float[] actual = new float[2 + count * slots];
                p.perturbMembers(seed, cell, first, count, x, 0, actual, 2);
                assertBitsEqual(expected, actual, "first member " + first + ", count " + count);
            }
        }
    }

    private static void assertBitsEqual(float[] expected, float[] actual, String where) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                throw new AssertionError(where + ", value " + i + ": expected " + expected[i] + ", found "
                        + actual[i]);
            }
        }
    }

    private static float[] nominal(int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[d];
        for (int i = 0; i < d; i++) {
            x[i] = (float) (r.nextDouble() * 10 - 5);
        }
        return x;
    }
}
