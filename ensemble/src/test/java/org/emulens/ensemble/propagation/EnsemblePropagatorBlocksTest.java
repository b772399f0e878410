package org.emulens.ensemble.propagation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.emulens.engine.Activation;
import org.emulens.engine.DenseLayer;
import org.emulens.engine.Emulator;
import org.emulens.engine.Variable;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.cpu.CpuBackend;
import org.emulens.ensemble.rng.MemberDraws;
import org.emulens.ensemble.rng.ReservedStreams;
import org.emulens.ensemble.stats.CellStatistics;
import org.emulens.ensemble.stats.StatisticsSpec;
import org.junit.jupiter.api.Test;

/** Blocks of members of several cells, as cluster tasks compute them, merge into the whole. */
class EnsemblePropagatorBlocksTest {
    private static final long SEED = 11;
    private static final int[] CELLS = {3, 7, 40};
    private static final StatisticsSpec SPEC = StatisticsSpec.builder().moments().quantileSketch(0.01)
            .exceedance(0.0, 0.5).build();

    /** y = tanh(x1 + 0.5 x2), with x1, x2 standard normal from each member's own counter. */
    private static Emulator model() {
        return Emulator.builder().name("t").input(Variable.of("x1", "1")).input(Variable.of("x2", "1"))
                .output(Variable.of("y", "1"))
                .layer(new DenseLayer(2, 1, new float[] {1f, 0.5f}, new float[] {0f}, Activation.TANH)).build();
    }

    private static final MemberInputs NORMAL = twoNormals(SEED);

    /** Two standard normal inputs per member, from each member's own counter. */
    static MemberInputs twoNormals(long seed) {
        return (cell, first, count, rows, offset) -> {
            for (int i = 0; i < count; i++) {
                for (int s = 0; s < 2; s++) {
                    rows[(offset + i) * 2 + s] = MemberDraws.normal(seed, ReservedStreams.INPUT_PERTURBATION, cell,
                            first + i, s);
                }
            }
        };
    }

    @Test
    void blocksOfMembersMergeIntoTheWholeAndEachBlockIsItsOwnRun() {
        try (CpuBackend b = new CpuBackend(1); CompiledEmulator c = b.compile(model(), TanhMode.EXACT);
                EnsemblePropagator p = new EnsemblePropagator(c, SPEC, 1000, 1)) {
            CellStatistics[][] whole = p.runCells(CELLS, 2000, NORMAL, null);
            long[][] blocks = {{0, 700}, {700, 800}, {1500, 500}};
            CellStatistics[][] merged = null;
            for (long[] block : blocks) {
                CellStatistics[][] part = p.runCells(CELLS, block[0], block[1], NORMAL, null, null);
                for (int i = 0; i < CELLS.length; i++) {
                    // A block of several cells equals each cell's own run over the same members, bit for bit.
                    CellStatistics alone = p.runMembers(CELLS[i], block[0], block[1], NORMAL, null)[0];
                    assertEquals(alone.moments().mean(), part[i][0].moments().mean(), 0.0);
                    assertEquals(alone.quantileSketch(), part[i][0].quantileSketch());
                }
                if (merged == null) {
                    merged = part;
                } else {
                    for (int i = 0; i < CELLS.length; i++) {
                        merged[i][0].combine(part[i][0]);
                    }
                }
            }
            for (int i = 0; i < CELLS.length; i++) {
                CellStatistics w = whole[i][0];
                CellStatistics m = merged[i][0];
                assertEquals(2000, m.moments().count());
                // Counts merge exactly: the sketch and the exceedances are those of the whole run.
                assertEquals(w.quantileSketch(), m.quantileSketch());
                for (int t = 0; t < 2; t++) {
                    assertEquals(w.exceedance().exceedanceCount(t), m.exceedance().exceedanceCount(t));
                }
                // Pébay's pairwise merge against one-at-a-time updates: equal to double rounding.
                assertEquals(w.moments().mean(), m.moments().mean(), 1e-14);
                assertEquals(w.moments().sampleVariance(), m.moments().sampleVariance(), 1e-14);
            }
        }
    }
}
