package org.emulens.kernels.cuda;

import org.emulens.engine.Emulator;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.kernels.cuda.internal.CuArgs;
import org.emulens.kernels.cuda.internal.CuBuffer;
import org.emulens.kernels.cuda.internal.CuFunction;
import org.emulens.kernels.cuda.internal.CuPinned;
import org.emulens.kernels.cuda.internal.CuStream;
import org.emulens.kernels.internal.KernelSource;
import org.emulens.kernels.internal.PackedModel;
import org.emulens.kernels.internal.WorkGroups;

/**
 * A model on a CUDA device. {@link #evaluate} streams rows in chunks of {@link #CHUNK_ROWS} alternating
 * between two streams, each with its own pinned host and device buffers, so one chunk's copies overlap the
 * other's compute; device memory is two chunks whatever the row count. Calls are serialised.
 */
final class CudaCompiledEmulator implements CompiledEmulator {
    static final int CHUNK_ROWS = 1 << 16;

    private final CudaBackend backend;
    private final Emulator emulator;
    private final TanhMode tanh;
    private final PackedModel packed;
    private final CuBuffer params;
    private final CuBuffer descriptor;
    private Pipeline pipeline;
    private boolean closed;

    CudaCompiledEmulator(CudaBackend backend, Emulator emulator, TanhMode tanh, PackedModel packed) {
        this.backend = backend;
        this.emulator = emulator;
        this.tanh = tanh;
        this.packed = packed;
        this.params = backend.context().upload(packed.params());
        this.descriptor = backend.context().upload(packed.descriptor());
    }

    CudaBackend backend() {
        return backend;
    }

    PackedModel packed() {
        return packed;
    }

    /** Bytes of weights, which a kernel stages in shared memory when they fit beside {@code otherShared}. */
    long paramBytes() {
        return 4L * packed.params().length;
    }

    boolean stageParams(long otherShared) {
        return otherShared + paramBytes() <= backend.deviceInfo().sharedPerBlock();
    }

    /** The arguments every kernel starts with: params, desc, param_count, stage_params, tanh_fast. */
    CuArgs modelArgs(boolean stage) {
        return new CuArgs().buffer(params).buffer(descriptor).i32(packed.params().length).i32(stage ? 1 : 0)
                .i32(tanh == TanhMode.FAST ? 1 : 0);
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
    public synchronized void evaluate(float[] inputs, float[] outputs, int members) {
        if (closed) {
            throw new IllegalStateException("this compiled emulator is closed");
        }
        CompiledEmulator.checkArguments(emulator, inputs, outputs, members);
        if (members == 0) {
            return;
        }
        backend.context().makeCurrent();
        if (pipeline == null) {
            pipeline = new Pipeline();
        }
        pipeline.run(inputs, outputs, members);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (pipeline != null) {
            pipeline.close();
        }
        params.close();
        descriptor.close();
    }

    /** Two slots, each a stream with pinned host and device buffers for one chunk. */
    private final class Pipeline implements AutoCloseable {
        private final CuFunction kernel = backend.module().function(KernelSource.FORWARD_ROWS);
        private final int threads = WorkGroups.fromDevice(kernel.maxThreadsPerBlock());
        private final boolean stage = stageParams(0);
        private final CuStream[] stream = new CuStream[2];
        private final CuBuffer[] x = new CuBuffer[2];
        private final CuBuffer[] y = new CuBuffer[2];
        private final CuPinned[] xHost = new CuPinned[2];
        private final CuPinned[] yHost = new CuPinned[2];
        private final int[] chunkOf = {-1, -1};

        Pipeline() {
            long xBytes = 4L * CHUNK_ROWS * emulator.inputCount();
            long yBytes = 4L * CHUNK_ROWS * emulator.outputCount();
            for (int s = 0; s < 2; s++) {
                stream[s] = backend.context().stream();
                x[s] = backend.context().allocate(xBytes);
                y[s] = backend.context().allocate(yBytes);
                xHost[s] = backend.context().pinned(xBytes);
                yHost[s] = backend.context().pinned(yBytes);
            }
        }

        void run(float[] inputs, float[] outputs, int members) {
            int d = emulator.inputCount();
            int k = emulator.outputCount();
            int chunks = (members + CHUNK_ROWS - 1) / CHUNK_ROWS;
            try {
                for (int c = 0; c < chunks; c++) {
                    int s = c & 1;
                    drain(s, outputs, members);
                    int first = c * CHUNK_ROWS;
                    int rows = Math.min(CHUNK_ROWS, members - first);
                    xHost[s].buffer().asFloatBuffer().put(inputs, first * d, rows * d);
                    stream[s].upload(x[s], xHost[s], 4L * rows * d);
                    long blocks = ((long) rows + threads - 1) / threads;
                    stream[s].launch(kernel, blocks, threads, stage ? paramBytes() : 0,
                            modelArgs(stage).buffer(x[s]).buffer(y[s]).i32(rows));
                    stream[s].download(yHost[s], y[s], 4L * rows * k);
                    chunkOf[s] = c;
                }
                drain(chunks & 1, outputs, members);
                drain((chunks + 1) & 1, outputs, members);
            } finally {
                for (int s = 0; s < 2; s++) {
                    if (chunkOf[s] >= 0) {
                        stream[s].synchronize();
                        chunkOf[s] = -1;
                    }
                }
            }
        }

        private void drain(int s, float[] outputs, int members) {
            if (chunkOf[s] < 0) {
                return;
            }
            stream[s].synchronize();
            int k = emulator.outputCount();
            int first = chunkOf[s] * CHUNK_ROWS;
            int rows = Math.min(CHUNK_ROWS, members - first);
            yHost[s].buffer().asFloatBuffer().get(outputs, first * k, rows * k);
            chunkOf[s] = -1;
        }

        @Override
        public void close() {
            for (int s = 0; s < 2; s++) {
                stream[s].close();
                x[s].close();
                y[s].close();
                xHost[s].close();
                yHost[s].close();
            }
        }
    }
}
