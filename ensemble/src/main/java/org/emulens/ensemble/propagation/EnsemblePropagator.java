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
        int d = model.emulator().inputCount();
        int k = model.emulator().outputCount();
        CellStatistics[] stats = new CellStatistics[k];
        for (int j = 0; j < k; j++) {
            stats[j] = new CellStatistics(spec);
        }
        int size = (int) Math.min(chunk, Math.max(members, 1));
        float[] x = new float[size * d];
        float[] y = new float[size * k];
        for (long done = 0; done < members; done += size) {
            int count = (int) Math.min(size, members - done);
            fill(inputs, cell, firstMember + done, count, x);
            model.evaluate(x, y, count);
            for (int m = 0; m < count; m++) {
                for (int j = 0; j < k; j++) {
                    stats[j].accept(y[m * k + j]);
                }
            }
            if (progress != null) {
                progress.accept(done + count);
            }
        }
        return stats;
    }

    private void fill(MemberInputs inputs, int cell, long first, int count, float[] x) {
        int parts = pool == null ? 1 : Math.min(pool.getParallelism() * 4, Math.max(1, count / 1024));
        if (parts == 1) {
            inputs.fill(cell, first, count, x, 0);
            return;
        }
        pool.submit(() -> IntStream.range(0, parts).parallel().forEach(p -> {
            int from = (int) ((long) count * p / parts);
            int to = (int) ((long) count * (p + 1) / parts);
            inputs.fill(cell, first + from, to - from, x, from);
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
