package org.emulens.ensemble.propagation;

import java.util.concurrent.ForkJoinPool;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.ensemble.stats.CellStatistics;
import org.emulens.ensemble.stats.StatisticsSpec;

/**
 * Runs a cell's ensemble through an emulator in chunks of members: draw the members' inputs, evaluate,
 * fold each output into its streaming statistics. Memory is one chunk of inputs and outputs, whatever
 * the member count; the members themselves are never kept.
 *
 * <p>Members are folded into the statistics in member order, and each member's inputs and outputs are
 * pure functions of (cell, member), so the statistics are bit-identical for any chunk size and thread
 * count on a given backend.
 */
public final class EnsemblePropagator implements AutoCloseable {
    /** Default chunk: large enough to amortise a launch, small enough to stay in cache-friendly sizes. */
    public static final int DEFAULT_CHUNK = 1 << 16;

    private final CompiledEmulator model;
    private final StatisticsSpec spec;
    private final int chunk;
    private final ForkJoinPool pool;

    public EnsemblePropagator(CompiledEmulator model, StatisticsSpec spec, int chunk, int threads) {
        if (chunk <= 0) {
            throw new IllegalArgumentException("chunk must be positive, found " + chunk);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, found " + threads);
        }
        this.model = model;
        this.spec = spec;
        this.chunk = chunk;
        this.pool = threads == 1 ? null : new ForkJoinPool(threads);
    }

    /** Statistics of each model output over members {@code [0, members)} of {@code cell}. */
    public CellStatistics[] runCell(int cell, long members, MemberInputs inputs, LongConsumer progress) {
        return runMembers(cell, 0, members, inputs, progress);
    }

    /**
     * Statistics of each model output over members {@code [firstMember, firstMember + members)} of
     * {@code cell}; results of disjoint ranges combine into those of their union.
     *
     * @param progress told the number of members done after each chunk (may be null)
     */
    public CellStatistics[] runMembers(int cell, long firstMember, long members, MemberInputs inputs,
            LongConsumer progress) {
        if (members < 0 || firstMember < 0) {
            throw new IllegalArgumentException("member range must be non-negative, found first " + firstMember
                    + ", count " + members);
        }
        return run(new int[] {cell}, firstMember, members, inputs, null, progress)[0];
    }

    /**
     * Statistics of each model output over members {@code [0, members)} of each of {@code cells}, as
     * {@code [cell][output]}. Several small cells share one chunk, so that a launch is never starved
     * when each cell has few members; each cell still folds its members in member order.
     *
     * @param progress told the number of member evaluations done after each chunk (may be null)
     */
    public CellStatistics[][] runCells(int[] cells, long members, MemberInputs inputs, LongConsumer progress) {
        return runCells(cells, members, inputs, null, progress);
    }

    /**
     * As {@link #runCells(int[], long, MemberInputs, LongConsumer)}, with each member's outputs passed
     * through {@code outputs} (an error term of the emulator itself, say) before they are folded in.
     *
     * @param outputs applied to each chunk's outputs after evaluation (null: none)
     */
    public CellStatistics[][] runCells(int[] cells, long members, MemberInputs inputs, MemberOutputs outputs,
            LongConsumer progress) {
        if (members < 0) {
            throw new IllegalArgumentException("members must be >= 0, found " + members);
        }
        return run(cells, 0, members, inputs, outputs, progress);
    }

    private CellStatistics[][] run(int[] cells, long firstMember, long members, MemberInputs inputs,
            MemberOutputs outputs, LongConsumer progress) {
        int d = model.emulator().inputCount();
        int k = model.emulator().outputCount();
        CellStatistics[][] stats = new CellStatistics[cells.length][k];
        for (CellStatistics[] cell : stats) {
            for (int j = 0; j < k; j++) {
                cell[j] = new CellStatistics(spec);
            }
        }
        long total = members * cells.length;
        int size = (int) Math.min(chunk, Math.max(total, 1));
        float[] x = new float[size * d];
        float[] y = new float[size * k];
        int[] segCell = new int[size];
        long[] segFirst = new long[size];
        int[] segCount = new int[size];
        int c = 0;
        long nextMember = 0;
        long done = 0;
        while (c < cells.length && members > 0) {
            // Pack whole or partial cells into this chunk, in cell order then member order.
            int rows = 0;
            int segments = 0;
            while (rows < size && c < cells.length) {
                int count = (int) Math.min(size - rows, members - nextMember);
                segCell[segments] = c;
                segFirst[segments] = nextMember;
                segCount[segments] = count;
                fill(inputs, cells[c], firstMember + nextMember, count, x, rows);
                segments++;
                rows += count;
                nextMember += count;
                if (nextMember == members) {
                    nextMember = 0;
                    c++;
                }
            }
            model.evaluate(x, y, rows);
            if (outputs != null) {
                for (int s = 0, at = 0; s < segments; at += segCount[s], s++) {
                    outputs.adjust(cells[segCell[s]], firstMember + segFirst[s], segCount[s], y, at);
                }
            }
            int row = 0;
            for (int s = 0; s < segments; s++) {
                CellStatistics[] target = stats[segCell[s]];
                for (int m = 0; m < segCount[s]; m++, row++) {
                    for (int j = 0; j < k; j++) {
                        target[j].accept(y[row * k + j]);
                    }
                }
            }
            done += rows;
            if (progress != null) {
                progress.accept(done);
            }
        }
        return stats;
    }

    private void fill(MemberInputs inputs, int cell, long first, int count, float[] x, int rowOffset) {
        int parts = pool == null ? 1 : Math.min(pool.getParallelism() * 4, Math.max(1, count / 1024));
        if (parts == 1) {
            inputs.fill(cell, first, count, x, rowOffset);
            return;
        }
        pool.submit(() -> IntStream.range(0, parts).parallel().forEach(p -> {
            int from = (int) ((long) count * p / parts);
            int to = (int) ((long) count * (p + 1) / parts);
            inputs.fill(cell, first + from, to - from, x, rowOffset + from);
        })).join();
    }

    /** Releases the input-drawing threads. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
