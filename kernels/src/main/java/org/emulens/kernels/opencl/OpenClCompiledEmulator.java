package org.emulens.kernels.opencl;

import java.nio.ByteBuffer;
import org.emulens.engine.Emulator;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.kernels.internal.KernelSource;
import org.emulens.kernels.internal.PackedModel;
import org.emulens.kernels.internal.WorkGroups;
import org.emulens.kernels.opencl.internal.ClBuffer;
import org.emulens.kernels.opencl.internal.ClEvent;
import org.emulens.kernels.opencl.internal.ClKernel;
import org.emulens.kernels.opencl.internal.ClProgram;
import org.emulens.kernels.opencl.internal.ClQueue;
import org.emulens.kernels.opencl.internal.HostBuffers;

/**
 * A model on an OpenCL device. {@link #evaluate} streams rows through the device in chunks of
 * {@link #CHUNK_ROWS}, alternating between two in-order queues with their own buffers, so that one chunk's
 * upload and download overlap the other's compute and the host's copying; device memory is two chunks
 * whatever the row count. Calls are serialised: one pipeline per model.
 */
final class OpenClCompiledEmulator implements CompiledEmulator {
    /** Rows per launch: large enough to fill a GPU, small enough to keep staging memory modest. */
    static final int CHUNK_ROWS = 1 << 16;

    private final OpenClBackend backend;
    private final Emulator emulator;
    private final TanhMode tanh;
    private final PackedModel packed;
    private final boolean paramsInConstant;
    private final ClProgram program;
    private final ClBuffer params;
    private final ClBuffer descriptor;
    private Pipeline pipeline;
    private boolean closed;

    OpenClCompiledEmulator(OpenClBackend backend, Emulator emulator, TanhMode tanh, PackedModel packed,
            ClProgram program, boolean paramsInConstant) {
        this.backend = backend;
        this.emulator = emulator;
        this.tanh = tanh;
        this.packed = packed;
        this.program = program;
        this.paramsInConstant = paramsInConstant;
        this.params = backend.context().upload(packed.params());
        this.descriptor = backend.context().upload(packed.descriptor());
    }

    OpenClBackend backend() {
        return backend;
    }

    PackedModel packed() {
        return packed;
    }

    ClProgram program() {
        return program;
    }

    ClBuffer params() {
        return params;
    }

    ClBuffer descriptor() {
        return descriptor;
    }

    boolean paramsInConstant() {
        return paramsInConstant;
    }

    /** Sets the model arguments that every kernel starts with (params, desc, param_count, stage_params, tanh_fast). */
    ClKernel.Args modelArgs(ClKernel kernel) {
        return kernel.args().buffer(params).buffer(descriptor).i32(packed.params().length).i32(0)
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

    /** Two slots, each with its own in-order queue and device and host buffers; see the class comment. */
    private final class Pipeline implements AutoCloseable {
        private final ClKernel kernel = program.kernel(KernelSource.FORWARD_ROWS);
        private final int local = WorkGroups.fromDevice(kernel.maxWorkGroupSize());
        private final ClQueue[] queue = new ClQueue[2];
        private final ClBuffer[] x = new ClBuffer[2];
        private final ClBuffer[] y = new ClBuffer[2];
        private final ByteBuffer[] xHost = new ByteBuffer[2];
        private final ByteBuffer[] yHost = new ByteBuffer[2];
        private final ClEvent[][] events = new ClEvent[2][];
        private final int[] chunkOf = new int[2];

        Pipeline() {
            long xBytes = 4L * CHUNK_ROWS * emulator.inputCount();
            long yBytes = 4L * CHUNK_ROWS * emulator.outputCount();
            for (int s = 0; s < 2; s++) {
                queue[s] = backend.context().newQueue();
                x[s] = backend.context().newBuffer(xBytes);
                y[s] = backend.context().newBuffer(yBytes);
                xHost[s] = HostBuffers.direct(xBytes);
                yHost[s] = HostBuffers.direct(yBytes);
            }
        }

        void run(float[] inputs, float[] outputs, int members) {
            int d = emulator.inputCount();
            int k = emulator.outputCount();
            int chunks = (members + CHUNK_ROWS - 1) / CHUNK_ROWS;
            try {
                for (int c = 0; c < chunks; c++) {
                    int s = c & 1;
                    // Slot s last held chunk c - 2; chunk c - 1 keeps the device busy meanwhile.
                    drain(s, outputs, members);
                    int first = c * CHUNK_ROWS;
                    int rows = Math.min(CHUNK_ROWS, members - first);
                    xHost[s].clear().asFloatBuffer().put(inputs, first * d, rows * d);
                    ClEvent written = queue[s].write(x[s], xHost[s], 4L * rows * d);
                    modelArgs(kernel).buffer(x[s]).buffer(y[s]).i32(rows).local(4);
                    long global = ((long) rows + local - 1) / local * local;
                    ClEvent computed = queue[s].launch(kernel, global, local);
                    ClEvent read = queue[s].read(y[s], yHost[s], 4L * rows * k);
                    events[s] = new ClEvent[] {written, computed, read};
                    chunkOf[s] = c;
                    queue[s].flush();
                }
                drain(chunks & 1, outputs, members);
                drain((chunks + 1) & 1, outputs, members);
            } finally {
                // After a failure nothing may still be writing into the host buffers.
                for (int s = 0; s < 2; s++) {
                    if (events[s] != null) {
                        queue[s].finish();
                        release(s);
                    }
                }
            }
        }

        /** Waits for slot {@code s}'s chunk, if any, and copies its outputs out. */
        private void drain(int s, float[] outputs, int members) {
            if (events[s] == null) {
                return;
            }
            events[s][2].await();
            int k = emulator.outputCount();
            int first = chunkOf[s] * CHUNK_ROWS;
            int rows = Math.min(CHUNK_ROWS, members - first);
            yHost[s].clear().asFloatBuffer().get(outputs, first * k, rows * k);
            release(s);
        }

        private void release(int s) {
            for (ClEvent e : events[s]) {
                e.close();
            }
            events[s] = null;
        }

        @Override
        public void close() {
            for (int s = 0; s < 2; s++) {
                queue[s].close();
                x[s].close();
                y[s].close();
            }
            kernel.close();
        }
    }
}
