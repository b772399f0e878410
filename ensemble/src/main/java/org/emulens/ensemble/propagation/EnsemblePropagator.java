package org.emulens.ensemble.propagation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.ThreadEvaluator;
import org.emulens.ensemble.stats.CellStatistics;
import org.emulens.ensemble.stats.StatisticsSpec;

/**
 * Runs a cell's ensemble through an emulator in chunks of members: draw the members' inputs, evaluate,
 * fold each output into its streaming statistics. Memory is one chunk of inputs and outputs, whatever
 * the member count; the members themselves are never kept.
 *
 * <p>Each member's inputs and outputs are pure functions of (cell, member), and members are folded into
 * statistics in fixed blocks of {@link #FOLD} member numbers, each in member order, combined in block order;
 * so the statistics are bit-identical for any chunk size and thread count on a given backend. On a backend
 * that evaluates on host threads, each thread draws, evaluates and folds whole blocks of its own, with no
 * hand-over between those steps; elsewhere a chunk is drawn, evaluated in one call, then folded.
 */
public final class EnsemblePropagator implements AutoCloseable {
    /** Default chunk: large enough to amortise a launch, small enough to stay in cache-friendly sizes. */
    public static final int DEFAULT_CHUNK = 1 << 16;
    /**
     * Members per fold block: a cell's members {@code [b · FOLD, (b + 1) · FOLD)} are folded in member order
     * into statistics of their own, and the blocks are combined in block order. The blocks depend on member
     * numbers alone, not on chunks or threads, which is what keeps the results bit-identical across them.
     */
    public static final int FOLD = 4096;
    /** Members a worker draws, evaluates and folds at a time: one forward-pass block, in cache throughout. */
    private static final int STEP = 256;

    private final CompiledEmulator model;
    private final StatisticsSpec spec;
    private final int chunk;
    private final ForkJoinPool pool;

    /**
     * @param chunk   members drawn and evaluated together where the model evaluates in one call per chunk (a
     *                device backend, or a run too small to give every thread blocks of its own); at least
     *                {@link #FOLD} is used
     * @param threads threads that draw the members' inputs and, on a host backend, evaluate and fold them
     */
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
     * when each cell has few members; each cell still folds its members in the same fixed blocks.
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

    /**
     * As {@link #runCells(int[], long, MemberInputs, MemberOutputs, LongConsumer)}, over members
     * {@code [firstMember, firstMember + members)} of each cell: one block of members, as a cluster task
     * computes it; results of disjoint blocks combine into those of their union.
     */
    public CellStatistics[][] runCells(int[] cells, long firstMember, long members, MemberInputs inputs,
            MemberOutputs outputs, LongConsumer progress) {
        if (members < 0 || firstMember < 0) {
            throw new IllegalArgumentException("member range must be non-negative, found first " + firstMember
                    + ", count " + members);
        }
        return run(cells, firstMember, members, inputs, outputs, progress);
    }

    private CellStatistics[][] run(int[] cells, long firstMember, long members, MemberInputs inputs,
            MemberOutputs outputs, LongConsumer progress) {
        int k = model.emulator().outputCount();
        CellStatistics[][] stats = new CellStatistics[cells.length][k];
        for (CellStatistics[] cell : stats) {
            for (int j = 0; j < k; j++) {
                cell[j] = new CellStatistics(spec);
            }
        }
        int workers = pool == null ? 1 : pool.getParallelism();
        long blocks = cells.length * ((members + FOLD - 1) / FOLD);
        Optional<ThreadEvaluator> own = model.threadEvaluator();
        // Per-thread blocks need at least two blocks per thread to keep the threads busy; a smaller run is
        // drawn and evaluated across all threads, chunk by chunk. Both fold the same blocks the same way.
        boolean onWorkers = own.isPresent() && (workers == 1 || blocks >= 2L * workers);
        // A pass ends at a barrier: on the workers it holds four blocks per thread, so that the last block
        // to finish leaves the other threads idle for a small part of the pass.
        int passRows = onWorkers ? (int) Math.min(Integer.MAX_VALUE / 2, Math.max((long) chunk, 4L * FOLD * workers))
                : Math.max(chunk, FOLD);
        Pass pass = onWorkers ? new OnWorkers(cells, inputs, outputs, own.get(), workers)
                : new ThroughEvaluate(cells, inputs, outputs, (int) Math.min(passRows,
                        Math.max(1, members * cells.length)));
        List<Segment> segments = new ArrayList<>();
        int rows = 0;
        long done = 0;
        for (int c = 0; c < cells.length; c++) {
            long end = firstMember + members;
            for (long m = firstMember; m < end; ) {
                int count = (int) Math.min(end - m, FOLD - m % FOLD);
                if (rows > 0 && rows + count > passRows) {
                    done += foldPass(pass, segments, rows, stats, progress, done);
                    segments.clear();
                    rows = 0;
                }
                segments.add(new Segment(c, m, count));
                rows += count;
                m += count;
            }
        }
        if (rows > 0) {
            foldPass(pass, segments, rows, stats, progress, done);
        }
        return stats;
    }

    /** Runs one pass and folds its segments into {@code stats} in segment order; returns its row count. */
    private static int foldPass(Pass pass, List<Segment> segments, int rows, CellStatistics[][] stats,
            LongConsumer progress, long doneBefore) {
        CellStatistics[][] partial = pass.run(segments, rows);
        for (int i = 0; i < partial.length; i++) {
            CellStatistics[] target = stats[segments.get(i).slot()];
            for (int j = 0; j < target.length; j++) {
                target[j].combine(partial[i][j]);
            }
        }
        if (progress != null) {
            progress.accept(doneBefore + rows);
        }
        return rows;
    }

    /** Members {@code first .. first + count - 1} of cell slot {@code slot}, all in one fold block. */
    private record Segment(int slot, long first, int count) {
    }

    /** Statistics of each segment of a pass, {@code [segment][output]}, each folded in member order. */
    private interface Pass {
        CellStatistics[][] run(List<Segment> segments, int rows);
    }

    /**
     * A host backend: each thread takes whole segments and draws, evaluates and folds them a forward-pass
     * block at a time, so that its members stay in cache and the threads meet only at the end of a pass.
     */
    private final class OnWorkers implements Pass {
        private final Worker[] workers;

        OnWorkers(int[] cells, MemberInputs inputs, MemberOutputs outputs, ThreadEvaluator first, int count) {
            workers = new Worker[count];
            for (int t = 0; t < workers.length; t++) {
                workers[t] = new Worker(cells, inputs, outputs, t == 0 ? first : model.threadEvaluator().orElseThrow());
            }
        }

        /**
         * Every worker takes segments until none is left. If one fails the others stop after their current
         * segment, all are waited for (nothing keeps using the inputs or the model after this returns), and
         * the first failure is thrown with the others suppressed.
         */
        @Override
        public CellStatistics[][] run(List<Segment> segments, int rows) {
            CellStatistics[][] partial = new CellStatistics[segments.size()][];
            AtomicInteger next = new AtomicInteger();
            List<ForkJoinTask<?>> others = new ArrayList<>();
            Throwable failure = null;
            try {
                for (int t = 1; t < workers.length; t++) {
                    Worker w = workers[t];
                    others.add(pool.submit(() -> w.take(segments, next, partial)));
                }
                // The calling thread is a worker too, rather than waiting idle.
                workers[0].take(segments, next, partial);
            } catch (RuntimeException | Error e) {
                next.set(segments.size());
                failure = e;
            }
            for (ForkJoinTask<?> task : others) {
                try {
                    task.join();
                } catch (RuntimeException | Error e) {
                    next.set(segments.size());
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure instanceof RuntimeException re) {
                throw re;
            } else if (failure instanceof Error error) {
                throw error;
            }
            return partial;
        }
    }

    /** One thread's buffers and evaluator. */
    private final class Worker {
        private final int[] cells;
        private final MemberInputs inputs;
        private final MemberOutputs outputs;
        private final ThreadEvaluator evaluator;
        private final float[] x;
        private final float[] y;

        Worker(int[] cells, MemberInputs inputs, MemberOutputs outputs, ThreadEvaluator evaluator) {
            this.cells = cells;
            this.inputs = inputs;
            this.outputs = outputs;
            this.evaluator = evaluator;
            this.x = new float[STEP * model.emulator().inputCount()];
            this.y = new float[STEP * model.emulator().outputCount()];
        }

        void take(List<Segment> segments, AtomicInteger next, CellStatistics[][] partial) {
            for (int i = next.getAndIncrement(); i < segments.size(); i = next.getAndIncrement()) {
                partial[i] = fold(segments.get(i));
            }
        }

        private CellStatistics[] fold(Segment s) {
            CellStatistics[] stats = newStatistics();
            int cell = cells[s.slot()];
            for (int done = 0; done < s.count(); done += STEP) {
                int n = Math.min(STEP, s.count() - done);
                inputs.fill(cell, s.first() + done, n, x, 0);
                evaluator.evaluate(x, y, n);
                if (outputs != null) {
                    outputs.adjust(cell, s.first() + done, n, y, 0);
                }
                accept(stats, y, 0, n);
            }
            return stats;
        }
    }

    /** A device backend: draw the whole pass, evaluate it in one call, fold each segment. */
    private final class ThroughEvaluate implements Pass {
        private final int[] cells;
        private final MemberInputs inputs;
        private final MemberOutputs outputs;
        private final float[] x;
        private final float[] y;

        ThroughEvaluate(int[] cells, MemberInputs inputs, MemberOutputs outputs, int size) {
            this.cells = cells;
            this.inputs = inputs;
            this.outputs = outputs;
            this.x = new float[size * model.emulator().inputCount()];
            this.y = new float[size * model.emulator().outputCount()];
        }

        @Override
        public CellStatistics[][] run(List<Segment> segments, int rows) {
            for (int i = 0, at = 0; i < segments.size(); at += segments.get(i).count(), i++) {
                Segment s = segments.get(i);
                fill(inputs, cells[s.slot()], s.first(), s.count(), x, at);
            }
            model.evaluate(x, y, rows);
            CellStatistics[][] partial = new CellStatistics[segments.size()][];
            for (int i = 0, at = 0; i < segments.size(); at += segments.get(i).count(), i++) {
                Segment s = segments.get(i);
                if (outputs != null) {
                    outputs.adjust(cells[s.slot()], s.first(), s.count(), y, at);
                }
                partial[i] = newStatistics();
                accept(partial[i], y, at, s.count());
            }
            return partial;
        }
    }

    private CellStatistics[] newStatistics() {
        CellStatistics[] stats = new CellStatistics[model.emulator().outputCount()];
        for (int j = 0; j < stats.length; j++) {
            stats[j] = new CellStatistics(spec);
        }
        return stats;
    }

    /** Folds rows {@code first .. first + count - 1} of row-major {@code y} in row order. */
    private static void accept(CellStatistics[] stats, float[] y, int first, int count) {
        int k = stats.length;
        for (int m = first; m < first + count; m++) {
            for (int j = 0; j < k; j++) {
                stats[j].accept(y[m * k + j]);
            }
        }
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
