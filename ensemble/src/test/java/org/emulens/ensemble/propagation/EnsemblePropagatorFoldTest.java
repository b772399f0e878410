package org.emulens.ensemble.propagation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.emulens.engine.Activation;
import org.emulens.engine.DenseLayer;
import org.emulens.engine.Emulator;
import org.emulens.engine.Variable;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.cpu.CpuBackend;
import org.emulens.ensemble.stats.CellStatistics;
import org.emulens.ensemble.stats.StatisticsSpec;
import org.junit.jupiter.api.Test;

/**
 * The propagator's folding contract, member ranges that start anywhere and span several blocks: statistics
 * are those of fixed blocks of {@link EnsemblePropagator#FOLD} member numbers, each folded in member order and
 * combined in block order, whatever the threads and chunk; and a failure stops every thread.
 */
class EnsemblePropagatorFoldTest {
    private static final long SEED = 5;
    private static final StatisticsSpec SPEC = StatisticsSpec.builder().moments().quantileSketch(0.01)
            .exceedance(0.25).build();

    /** y = tanh(x1 − 0.7 x2), with x1, x2 standard normal from each member's own counter. */
    private static Emulator model() {
        return Emulator.builder().name("fold").input(Variable.of("x1", "1")).input(Variable.of("x2", "1"))
                .output(Variable.of("y", "1"))
                .layer(new DenseLayer(2, 1, new float[] {1f, -0.7f}, new float[] {0.1f}, Activation.TANH)).build();
    }

    private static final MemberInputs NORMAL = EnsemblePropagatorBlocksTest.twoNormals(SEED);

    @Test
    void foldsFixedBlocksOfMemberNumbersWhateverTheThreadsAndChunk() {
        long first = 3_000;
        long members = 11_000; // blocks [3000, 4096), [4096, 8192), [8192, 12288), [12288, 14000)
        int cell = 9;
        try (CpuBackend one = new CpuBackend(1); CompiledEmulator c = one.compile(model(), TanhMode.FAST)) {
            CellStatistics expected = reference(c, cell, first, members);
            for (int[] setting : new int[][] {{1, 1}, {2, 1000}, {3, 65_536}, {4, 5_000}, {2, 1 << 20}}) {
                try (EnsemblePropagator p = new EnsemblePropagator(c, SPEC, setting[1], setting[0])) {
                    CellStatistics got = p.runMembers(cell, first, members, NORMAL, null)[0];
                    String where = setting[0] + " threads, chunk " + setting[1];
                    assertEquals(expected.moments().count(), got.moments().count(), where);
                    assertEquals(expected.moments().mean(), got.moments().mean(), 0.0, where);
                    assertEquals(expected.moments().sampleVariance(), got.moments().sampleVariance(), 0.0, where);
                    assertEquals(expected.moments().sampleSkewness(), got.moments().sampleSkewness(), 0.0, where);
                    assertEquals(expected.quantileSketch(), got.quantileSketch(), where);
                }
            }
        }
    }

    /**
     * The contract written out: evaluate member by member, fold each block of FOLD member numbers in
     * member order into statistics of its own, combine the blocks in order.
     */
    private static CellStatistics reference(CompiledEmulator c, int cell, long first, long members) {
        CellStatistics total = new CellStatistics(SPEC);
        float[] x = new float[2];
        float[] y = new float[1];
        long end = first + members;
        for (long start = first; start < end; ) {
            long stop = Math.min(end, (start / EnsemblePropagator.FOLD + 1) * EnsemblePropagator.FOLD);
            CellStatistics block = new CellStatistics(SPEC);
            for (long m = start; m < stop; m++) {
                NORMAL.fill(cell, m, 1, x, 0);
                c.evaluate(x, y, 1);
                block.accept(y[0]);
            }
            total.combine(block);
            start = stop;
        }
        return total;
    }

    @Test
    void aFailureInOneThreadStopsTheOthersBeforeTheCallReturns() throws InterruptedException {
        AtomicInteger fills = new AtomicInteger();
        // One block fails; every draw is slow, so that threads left running would still be drawing later.
        MemberInputs failing = (cell, first, count, rows, offset) -> {
            fills.incrementAndGet();
            if (first >= EnsemblePropagator.FOLD && first < 2 * EnsemblePropagator.FOLD) {
                throw new IllegalStateException("no inputs for member " + first);
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            NORMAL.fill(cell, first, count, rows, offset);
        };
        try (CpuBackend b = new CpuBackend(1); CompiledEmulator c = b.compile(model(), TanhMode.FAST);
                EnsemblePropagator p = new EnsemblePropagator(c, SPEC, 1 << 16, 3)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> p.runMembers(1, 0, 1_000_000, failing, null));
            // A failure on a pool thread comes back as ForkJoinTask makes it: the same type, the original as cause.
            assertTrue(e.getMessage().contains("no inputs for member "), e.getMessage());
            int atReturn = fills.get();
            Thread.sleep(200);
            assertEquals(atReturn, fills.get(), "no thread went on drawing after the failure was thrown");
        }
    }
}
