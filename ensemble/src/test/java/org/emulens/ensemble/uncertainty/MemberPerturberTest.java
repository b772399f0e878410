package org.emulens.ensemble.uncertainty;

import static org.emulens.ensemble.uncertainty.Samples.SEED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.emulens.ensemble.rng.MemberDraws;
import org.emulens.ensemble.rng.ReservedStreams;
import org.junit.jupiter.api.Test;

/** The per-member function: its documented draw addresses, purity, and the handling of special inputs. */
class MemberPerturberTest {
    private static final List<String> INPUTS = List.of("sm", "lst", "elevation", "alb", "vcmax", "precip", "soil");

    /** Every shape and kind of input, with a correlation, so that purity is checked on all code paths. */
    private static UncertaintyModel everyKindOfInput() {
        return UncertaintyModel.builder(INPUTS)
                .input("sm", ErrorShape.truncatedGaussian(0f, 0.45f), 2f)
                .input("lst", ErrorShape.gaussian(), 0.5f)
                .input("alb", ErrorShape.uniform())
                .parameter("vcmax", 50f, 10f, ErrorShape.logNormal())
                .input("precip", ErrorShape.logNormal(), 1f)
                .input("soil", ErrorShape.empirical(new float[] {-2f, -1f, 0f, 0.5f, 4f}))
                .correlation("sm", "lst", -0.4)
                .correlation("lst", "alb", 0.3)
                .build();
    }

    private static CellUncertainty cell(UncertaintyModel model, int index, float lat, float lon) {
        return CellUncertainty.of(model, index, lat, lon,
                new float[] {0.03f, 0.8f, 99f, 0.02f, 99f, 0.5f, 0.2f},
                new float[] {0.02f, 0.5f, 99f, 0f, 99f, 0.3f, 0f},
                new float[] {0.01f, 0.3f, 99f, 0.01f, 99f, 0.1f, 0.1f});
    }

    private static final float[] NOMINAL = {0.02f, 290f, 1234f, 0.15f, Float.NaN, 3e-3f, 0.3f};

    @Test
    void aMemberAloneEqualsTheSameMemberInAnyBatchOrderOrThread() {
        UncertaintyModel model = everyKindOfInput();
        int slots = model.slots();
        CellUncertainty[] cells = {cell(model, 0, -30f, 140f), cell(model, 1, -30.1f, 140.2f),
            cell(model, 77_777, 51.5f, -0.1f)};
        long[] members = {0, 1, 2, 3, 17, 1000, 4_294_967_296L, 9_000_000_000_000L, -1L};
        // Alone: a fresh perturber per (cell, member).
        float[][] alone = new float[cells.length * members.length][];
        for (int c = 0; c < cells.length; c++) {
            for (int m = 0; m < members.length; m++) {
                float[] out = new float[slots];
                new MemberPerturber(model).perturb(SEED, cells[c], members[m], NOMINAL, 0, out, 0);
                alone[c * members.length + m] = out;
            }
        }
        // In a batch: one shared perturber, shuffled order, offsets into one big array, several threads.
        List<Integer> order = new ArrayList<>();
        for (int repeat = 0; repeat < 3; repeat++) {
            for (int i = 0; i < alone.length; i++) {
                order.add(i);
            }
        }
        Collections.shuffle(order, new Random(5));
        MemberPerturber shared = new MemberPerturber(model);
        float[] batch = new float[order.size() * slots];
        float[] nominals = new float[order.size() * slots];
        for (int k = 0; k < order.size(); k++) {
            System.arraycopy(NOMINAL, 0, nominals, k * slots, slots);
        }
        IntStream.range(0, order.size()).parallel().forEach(k -> {
            int i = order.get(k);
            shared.perturb(SEED, cells[i / members.length], members[i % members.length], nominals, k * slots, batch,
                    k * slots);
        });
        for (int k = 0; k < order.size(); k++) {
            float[] got = java.util.Arrays.copyOfRange(batch, k * slots, (k + 1) * slots);
            assertBitsEqual(alone[order.get(k)], got, "batch position " + k);
        }
    }

    @Test
    void perturbingInPlaceEqualsPerturbingIntoAnotherArray() {
        UncertaintyModel model = everyKindOfInput();
        CellUncertainty c = cell(model, 9, 0f, 0f);
        float[] out = new float[model.slots()];
        new MemberPerturber(model).perturb(SEED, c, 42, NOMINAL, 0, out, 0);
        float[] inPlace = new float[model.slots() + 3];
        System.arraycopy(NOMINAL, 0, inPlace, 3, NOMINAL.length);
        new MemberPerturber(model).perturb(SEED, c, 42, inPlace, 3, inPlace, 3);
        assertBitsEqual(out, java.util.Arrays.copyOfRange(inPlace, 3, inPlace.length), "in place");
    }

    @Test
    void passThroughInputsAndNaNNominalsAreCopiedBitForBit() {
        UncertaintyModel model = everyKindOfInput();
        CellUncertainty c = cell(model, 9, 0f, 0f);
        float quietNaNWithPayload = Float.intBitsToFloat(0x7fc0_1234);
        float[] nominal = {quietNaNWithPayload, Float.NaN, -0f, Float.NaN, 1f, Float.NaN, Float.NaN};
        float[] out = new float[model.slots()];
        for (long m = 0; m < 100; m++) {
            new MemberPerturber(model).perturb(SEED, c, m, nominal, 0, out, 0);
            for (int slot : new int[] {0, 1, 2, 3, 5, 6}) {
                assertEquals(Float.floatToRawIntBits(nominal[slot]), Float.floatToRawIntBits(out[slot]),
                        INPUTS.get(slot));
            }
            // The parameter takes its nominal from the model, so its slot's NaN or value is ignored.
            assertTrue(out[4] > 0f, "vcmax " + out[4]);
        }
    }

    @Test
    void anUncertainParameterIsTheSameInEveryCellAndVariesBetweenMembers() {
        UncertaintyModel model = everyKindOfInput();
        CellUncertainty[] cells = {cell(model, 0, -30f, 140f), cell(model, 5, 60f, -100f)};
        int n = 50_000;
        float[] values = new float[n];
        float[] a = new float[model.slots()];
        float[] b = new float[model.slots()];
        MemberPerturber perturber = new MemberPerturber(model);
        for (int m = 0; m < n; m++) {
            perturber.perturb(SEED, cells[0], m, NOMINAL, 0, a, 0);
            perturber.perturb(SEED, cells[1], m, NOMINAL, 0, b, 0);
            assertEquals(Float.floatToRawIntBits(a[4]), Float.floatToRawIntBits(b[4]), "member " + m);
            values[m] = a[4];
        }
        // Lognormal around 50 with sd 10 (analytic mean and sd); false-failure rate 1e-6 each.
        Samples.assertMean(50, 10, values);
        Samples.assertSd(10, values);
    }

    @Test
    void zeroSdsLeaveTheNominalUnchanged() {
        UncertaintyModel model = everyKindOfInput();
        int slots = model.slots();
        CellUncertainty quiet = CellUncertainty.of(model, 1, 0f, 0f, new float[slots], new float[slots],
                new float[slots]);
        float[] nominal = {0.5f, 290f, 1f, 0.15f, 0f, 3e-3f, 0.3f};
        float[] out = new float[slots];
        new MemberPerturber(model).perturb(SEED, quiet, 3, nominal, 0, out, 0);
        // sm is clamped into [0, 0.45]; vcmax is a parameter with sd 10, so it still varies.
        float[] expected = {0.45f, 290f, 1f, 0.15f, out[4], 3e-3f, 0.3f};
        assertArrayEquals(expected, out);
        assertNotEquals(50f, out[4]);
    }

    /**
     * The draw addresses documented in {@link MemberPerturber}, transcribed independently in double from
     * {@link MemberDraws} normals, the lattice definition and commons-math3's Cholesky factor. Gaussian and
     * truncated inputs and a parameter; the truncated input's bounds are tight so that many members need
     * several attempts.
     */
    @Test
    void followsTheDocumentedDrawAddresses() {
        List<String> names = List.of("sm", "skip", "lst", "k");
        UncertaintyModel model = UncertaintyModel.builder(names)
                .input("sm", ErrorShape.truncatedGaussian(0f, 0.3f), 2f)
                .input("lst", ErrorShape.gaussian(), 0.5f)
                .parameter("k", 3f, 0.25f, ErrorShape.gaussian())
                .correlation("sm", "lst", 0.6)
                .build();
        int slots = names.size();
        int cellIndex = 4321;
        float lat = -33.3f;
        float lon = 151.2f;
        float[] sdR = {0.06f, 0f, 0.7f, 0f};
        float[] sdC = {0.05f, 0f, 0.4f, 0f};
        float[] sdS = {0.03f, 0f, 0.2f, 0f};
        CellUncertainty cell = CellUncertainty.of(model, cellIndex, lat, lon, sdR, sdC, sdS);
        RealMatrix lower = new CholeskyDecomposition(MatrixUtils.createRealMatrix(
                new double[][] {{1, 0.6}, {0.6, 1}})).getL();
        float[] nominal = {0.05f, 7f, 300f, Float.NaN};
        float[] out = new float[slots];
        MemberPerturber perturber = new MemberPerturber(model);
        int ambiguous = 0;
        int retried = 0;
        for (long member = 0; member < 2000; member++) {
            perturber.perturb(SEED, cell, member, nominal, 0, out, 0);
            // lst (slot 2), attempt 0: Cholesky row 1 mixes slots 0 and 2.
            double zr = lower.getEntry(1, 0) * normal(0, cellIndex, member, 0)
                    + lower.getEntry(1, 1) * normal(0, cellIndex, member, 2);
            double lst = 300 + 0.7 * zr + 0.4 * field(member, 2, 0.5f, lat, lon) + 0.2 * systematic(member, 2);
            assertEquals(lst, out[2], 4e-5, "lst, member " + member); // about one ulp of 300
            // k (slot 3): a parameter, systematic only, nominal from the model.
            assertEquals(3 + 0.25 * systematic(member, 3), out[3], 1e-6, "k, member " + member);
            // skip (slot 1): passed through.
            assertEquals(7f, out[1], 0f);
            // sm (slot 0): attempt k uses index 0 + k·4 in every stream.
            double sm = Double.NaN;
            for (int attempt = 0; attempt < 32 && Double.isNaN(sm); attempt++) {
                int index = attempt * slots;
                double e = 0.06 * normal(0, cellIndex, member, index) + 0.05 * field(member, index, 2f, lat, lon)
                        + 0.03 * systematic(member, index);
                double y = 0.05 + e;
                if (Math.min(Math.abs(y), Math.abs(y - 0.3)) < 1e-6) {
                    ambiguous++; // float and double may decide differently this close to a bound
                    sm = out[0];
                } else if (y >= 0 && y <= 0.3) {
                    sm = y;
                    retried += attempt > 0 ? 1 : 0;
                }
            }
            assertEquals(sm, out[0], 1e-7, "sm, member " + member);
        }
        assertTrue(ambiguous < 5, ambiguous + " members too close to a bound to check");
        assertTrue(retried > 300, "only " + retried + " members needed a second attempt");
    }

    private static double normal(int stream, int cell, long member, int index) {
        return MemberDraws.normal(SEED, stream, cell, member, index);
    }

    private static double systematic(long member, int index) {
        return MemberDraws.normal(SEED, ReservedStreams.SYSTEMATIC, ReservedStreams.SHARED_CELL, member, index);
    }

    /**
     * The lattice field as documented: normalised bilinear weights of four node noises. The lattice position
     * is computed in float as the documentation specifies (near longitude 180, {@code lon + 180} rounds by up
     * to 1.5e-5 degrees, which moves the weights by more than the tolerance); the rest in double.
     */
    private static double field(long member, int index, float length, float lat, float lon) {
        long columns = (long) Math.floor(360 / length) + 2;
        double gy = (lat + 90f) / length;
        double gx = (lon + 180f) / length;
        long i = (long) Math.floor(gy);
        long j = (long) Math.floor(gx);
        double fy = gy - i;
        double fx = gx - j;
        double[] w = {(1 - fy) * (1 - fx), (1 - fy) * fx, fy * (1 - fx), fy * fx};
        long[] node = {i * columns + j, i * columns + j + 1, (i + 1) * columns + j, (i + 1) * columns + j + 1};
        double norm = Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2] + w[3] * w[3]);
        double sum = 0;
        for (int n = 0; n < 4; n++) {
            sum += w[n] / norm * normal(ReservedStreams.CORRELATED_FIELDS, (int) node[n], member, index);
        }
        return sum;
    }

    @Test
    void rejectsACellOfAnotherModelAndShortArrays() {
        UncertaintyModel model = everyKindOfInput();
        UncertaintyModel other = everyKindOfInput();
        CellUncertainty foreign = cell(other, 1, 0f, 0f);
        MemberPerturber perturber = new MemberPerturber(model);
        float[] out = new float[model.slots()];
        assertEquals("cell: expected a CellUncertainty made for this perturber's model, found one made for another "
                + "model", assertThrows(IllegalArgumentException.class,
                        () -> perturber.perturb(SEED, foreign, 0, NOMINAL, 0, out, 0)).getMessage());
        CellUncertainty own = cell(model, 1, 0f, 0f);
        assertThrows(IndexOutOfBoundsException.class, () -> perturber.perturb(SEED, own, 0, NOMINAL, 1, out, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> perturber.perturb(SEED, own, 0, NOMINAL, 0, out, 2));
    }

    private static void assertBitsEqual(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
                    what + ", input " + INPUTS.get(i) + ": " + expected[i] + " vs " + actual[i]);
        }
    }
}
