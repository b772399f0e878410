package org.emulens.kernels.tornado;

import org.emulens.engine.Emulator;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.kernels.internal.PackedModel;
import org.emulens.kernels.tornado.internal.DevicePlan;
import org.emulens.kernels.tornado.internal.FusedKernels;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.LongArray;

/**
 * A model on the TornadoVM backend: its packed parameters, and the forward-pass plan, which evaluates up to
 * {@value #ROWS_PER_LAUNCH} rows per launch. The plan's kernel compiles on first use.
 */
final class TornadoCompiledEmulator implements CompiledEmulator {
    static final int ROWS_PER_LAUNCH = 1 << 14;

    private final TornadoBackend backend;
    private final Emulator emulator;
    private final TanhMode tanh;
    private final IntArray desc;
    private final FloatArray params;
    private final FloatArray alphas;
    private final int maxWidth;
    private LongArray control;
    private FloatArray x;
    private FloatArray y;
    private DevicePlan forward;
    private boolean closed;

    TornadoCompiledEmulator(TornadoBackend backend, Emulator emulator, TanhMode tanh) {
        this.backend = backend;
        this.emulator = emulator;
        this.tanh = tanh;
        PackedModel packed = PackedModel.of(emulator);
        this.desc = IntArray.fromArray(packed.descriptor());
        this.params = FloatArray.fromArray(packed.params());
        int layers = emulator.layers().size();
        float[] a = new float[Math.max(layers, 1)];
        for (int l = 0; l < layers; l++) {
            a[l] = emulator.layers().get(l).activation().alpha();
        }
        this.alphas = FloatArray.fromArray(a);
        this.maxWidth = Math.max(emulator.maxWidth(), Math.max(emulator.inputCount(), emulator.outputCount()));
    }

    TornadoBackend backend() {
        return backend;
    }

    IntArray descriptor() {
        return desc;
    }

    FloatArray parameters() {
        return params;
    }

    FloatArray alphas() {
        return alphas;
    }

    /** Floats per member of forward-pass scratch: two buffers as wide as the widest layer. */
    int maxWidth() {
        return maxWidth;
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
        CompiledEmulator.checkArguments(emulator, inputs, outputs, members);
        checkOpen();
        if (members == 0) {
            return;
        }
        int d = emulator.inputCount();
        int k = emulator.outputCount();
        DevicePlan plan = forwardPlan();
        for (int first = 0; first < members; first += ROWS_PER_LAUNCH) {
            int rows = Math.min(ROWS_PER_LAUNCH, members - first);
            for (int i = 0; i < rows * d; i++) {
                x.set(i, inputs[first * d + i]);
            }
            control.set(FusedKernels.C_ACTIVE_ITEMS, rows);
            plan.execute();
            for (int i = 0; i < rows * k; i++) {
                outputs[first * k + i] = y.get(i);
            }
        }
    }

    private DevicePlan forwardPlan() {
        if (forward == null) {
            int d = emulator.inputCount();
            int k = emulator.outputCount();
            control = new LongArray(FusedKernels.CONTROL_WORDS);
            control.init(0L);
            control.set(FusedKernels.C_MAX_WIDTH, maxWidth);
            control.set(FusedKernels.C_TANH_FAST, tanh == TanhMode.FAST ? 1 : 0);
            x = new FloatArray(ROWS_PER_LAUNCH * d);
            y = new FloatArray(ROWS_PER_LAUNCH * k);
            FloatArray scratch = new FloatArray(ROWS_PER_LAUNCH * 2 * maxWidth);
            TaskGraph graph = new TaskGraph("emulensForward" + System.identityHashCode(this))
                    .transferToDevice(DataTransferMode.FIRST_EXECUTION, desc, params, alphas, scratch)
                    .transferToDevice(DataTransferMode.EVERY_EXECUTION, control, x)
                    .task("forward", FusedKernels::forwardRows, desc, params, alphas, control, x, y, scratch,
                            ROWS_PER_LAUNCH)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, y);
            forward = new DevicePlan("forward pass of '" + emulator.name() + "'", graph, backend.tornadoDevice());
        }
        return forward;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("compiled emulator '" + emulator.name() + "' is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (forward != null) {
            forward.close();
        }
    }
}
