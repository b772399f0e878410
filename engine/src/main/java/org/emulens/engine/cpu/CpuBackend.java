package org.emulens.engine.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.emulens.engine.Emulator;
import org.emulens.engine.EmulensException;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.backend.ThreadEvaluator;

/** The embedded CPU backend: the reference every other backend is compared with. */
public final class CpuBackend implements Backend {
    /** Below this many members a call runs on the caller's thread: handing off costs more. */
    private static final int PARALLEL_THRESHOLD = 4 * CpuForwardPass.BLOCK;

    private final int threads;
    private final ExecutorService pool;
    private volatile boolean closed;

    public CpuBackend(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, found " + threads);
        }
        this.threads = threads;
        AtomicInteger n = new AtomicInteger();
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "emulens-cpu-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String device() {
        return "CPU (" + System.getProperty("os.arch") + "), " + threads + (threads == 1 ? " thread" : " threads") + ", "
                + SimdSupport.describe();
    }

    public int threads() {
        return threads;
    }

    @Override
    public CompiledEmulator compile(Emulator emulator, TanhMode tanh) {
        checkOpen();
        switch (emulator.family()) {
            case TREE_ENSEMBLE:
                return new Compiled(emulator, tanh, new CpuTreePass(emulator.trees()));
            case GAUSSIAN_PROCESS:
                return new Compiled(emulator, tanh, new CpuGaussianProcessPass(emulator.gaussianProcess()));
            default:
                return new Compiled(emulator, tanh, new CpuForwardPass(emulator, tanh));
        }
    }

    @Override
    public void close() {
        closed = true;
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the CPU backend is closed");
        }
    }

    private final class Compiled implements CompiledEmulator {
        private final Emulator emulator;
        private final TanhMode tanh;
        private final CpuBlockPass pass;
        private volatile boolean compiledClosed;

        Compiled(Emulator emulator, TanhMode tanh, CpuBlockPass pass) {
            this.emulator = emulator;
            this.tanh = tanh;
            this.pass = pass;
        }

        @Override
        public Emulator emulator() {
            return emulator;
        }

        @Override
        public TanhMode tanhMode() {
            return tanh;
        }

        @Override
        public void evaluate(float[] inputs, float[] outputs, int members) {
            checkUsable(inputs, outputs, members);
            inParallel(members, (from, to) -> run(inputs, outputs, from, to, pass.newScratch()));
        }

        @Override
        public Optional<ThreadEvaluator> threadEvaluator() {
            float[][] scratch = pass.newScratch();
            return Optional.of((inputs, outputs, members) -> {
                checkUsable(inputs, outputs, members);
                run(inputs, outputs, 0, members, scratch);
            });
        }

        private void checkUsable(float[] inputs, float[] outputs, int members) {
            if (compiledClosed) {
                throw new IllegalStateException("this compiled emulator is closed");
            }
            checkOpen();
            CompiledEmulator.checkArguments(emulator, inputs, outputs, members);
        }

        @Override
        public boolean hasPredictiveVariance() {
            return pass instanceof CpuGaussianProcessPass;
        }

        @Override
        public void evaluateWithVariance(float[] inputs, double[] means, double[] variances, int members) {
            if (!(pass instanceof CpuGaussianProcessPass gp)) {
                CompiledEmulator.super.evaluateWithVariance(inputs, means, variances, members);
                return;
            }
            if (compiledClosed) {
                throw new IllegalStateException("this compiled emulator is closed");
            }
            checkOpen();
            CompiledEmulator.checkArguments(emulator, inputs, new float[0], 0);
            if (inputs.length < (long) members * emulator.inputCount() || means.length < members
                    || variances.length < members) {
                throw new IllegalArgumentException(members + " members need " + members * emulator.inputCount()
                        + " inputs and " + members + " means and variances, found " + inputs.length + ", "
                        + means.length + " and " + variances.length);
            }
            inParallel(members, (from, to) -> gp.predict(inputs, means, variances, from, to));
        }

        /** Runs {@code body} over member ranges in whole blocks, on the pool when the call is large enough. */
        private void inParallel(int members, RangeTask body) {
            if (pool == null || members < PARALLEL_THRESHOLD) {
                body.run(0, members);
                return;
            }
            int blocks = (members + CpuForwardPass.BLOCK - 1) / CpuForwardPass.BLOCK;
            int tasks = Math.min(blocks, threads * 4);
            List<Future<?>> futures = new ArrayList<>(tasks);
            for (int t = 0; t < tasks; t++) {
                int from = (int) ((long) blocks * t / tasks) * CpuForwardPass.BLOCK;
                int to = Math.min(members, (int) ((long) blocks * (t + 1) / tasks) * CpuForwardPass.BLOCK);
                futures.add(pool.submit(() -> body.run(from, to)));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    futures.forEach(g -> g.cancel(true));
                    throw new EmulensException("CPU evaluation interrupted", ex);
                } catch (ExecutionException ex) {
                    throw new EmulensException("CPU evaluation failed: " + ex.getCause(), ex.getCause());
                }
            }
        }

        private void run(float[] inputs, float[] outputs, int from, int to, float[][] scratch) {
            for (int first = from; first < to; first += CpuForwardPass.BLOCK) {
                pass.evaluateBlock(inputs, outputs, first, Math.min(CpuForwardPass.BLOCK, to - first), scratch);
            }
        }

        @Override
        public void close() {
            compiledClosed = true;
        }
    }

    @FunctionalInterface
    private interface RangeTask {
        void run(int from, int to);
    }
}
