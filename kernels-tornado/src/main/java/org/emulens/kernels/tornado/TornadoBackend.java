package org.emulens.kernels.tornado;

import org.emulens.engine.Emulator;
import org.emulens.engine.backend.Availability;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.BackendUnavailableException;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.kernels.FusedEnsembleBackend;
import org.emulens.kernels.FusedEnsembleRun;
import org.emulens.kernels.FusedRunOptions;
import org.emulens.kernels.tornado.internal.DevicePlan;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.common.TornadoDevice;

/**
 * The TornadoVM backend: the fused ensemble pass and the forward pass written as Java kernels
 * ({@code FusedKernels}) that TornadoVM compiles for a device of its first backend (OpenCL in the SDK flavour
 * that {@code scripts/tornadovm-setup.sh} installs). Built only by the {@code tornado} Maven profile and found
 * by {@link TornadoBackendProvider} reflectively, through {@link #probeDevice()} and {@link #open}.
 *
 * <p>Each model is prepared once: its task graphs are snapshotted into execution plans whose kernels compile on
 * the first execution; closing the model frees them. A kernel TornadoVM cannot compile is an error
 * ({@link TornadoKernelException}), never a silent run in sequential Java.
 */
public final class TornadoBackend implements FusedEnsembleBackend {
    private final TornadoDevice device;
    private final String description;
    private boolean closed;

    private TornadoBackend(TornadoDevice device) {
        this.device = device;
        this.description = describe(device);
    }

    /** Called reflectively by the provider: the first device of TornadoVM's first backend, or why there is none. */
    public static Availability probeDevice() {
        try {
            DevicePlan.requireStrictRuntime();
            int backends = TornadoExecutionPlan.getTornadoDeviceMap().getNumBackends();
            if (backends == 0) {
                return Availability.unavailable("TornadoVM found no backend with a device");
            }
            uk.ac.manchester.tornado.api.TornadoBackend first =
                    TornadoExecutionPlan.getTornadoDeviceMap().getAllBackends().get(0);
            if (first.getNumDevices() == 0) {
                return Availability.unavailable("TornadoVM backend " + first.getName() + " has no device");
            }
            return Availability.available(describe(first.getDevice(0)) + (first.getNumDevices() > 1
                    ? " (device 0 of " + first.getNumDevices() + ")" : ""));
        } catch (TornadoKernelException ex) {
            return Availability.unavailable(ex.getMessage());
        } catch (RuntimeException | LinkageError ex) {
            return Availability.unavailable("TornadoVM runtime did not start: " + ex);
        }
    }

    /**
     * Opens device {@code options.deviceIndex()} of TornadoVM's first backend.
     *
     * @throws BackendUnavailableException if there is no such device or TornadoVM would fall back to Java
     */
    public static TornadoBackend open(BackendOptions options) {
        try {
            DevicePlan.requireStrictRuntime();
        } catch (TornadoKernelException ex) {
            throw new BackendUnavailableException("backend 'tornado' cannot start: " + ex.getMessage(), ex);
        }
        uk.ac.manchester.tornado.api.TornadoBackend first;
        try {
            first = TornadoExecutionPlan.getTornadoDeviceMap().getAllBackends().get(0);
        } catch (RuntimeException | LinkageError ex) {
            throw new BackendUnavailableException("backend 'tornado' cannot start: TornadoVM runtime did not start: "
                    + ex, ex);
        }
        int count = first.getNumDevices();
        if (options.deviceIndex() >= count) {
            throw new BackendUnavailableException("backend 'tornado': expected a device index below " + count
                    + " (devices of TornadoVM backend " + first.getName() + "), found " + options.deviceIndex());
        }
        return new TornadoBackend(first.getDevice(options.deviceIndex()));
    }

    private static String describe(TornadoDevice d) {
        return "TornadoVM " + d.getDeviceName().trim() + ": " + d.getPhysicalDevice().getDeviceName().trim() + " ("
                + d.getPlatformName().trim() + ")";
    }

    @Override
    public String name() {
        return "tornado";
    }

    @Override
    public String device() {
        return description;
    }

    /** The TornadoVM device the plans run on. */
    TornadoDevice tornadoDevice() {
        return device;
    }

    @Override
    public CompiledEmulator compile(Emulator emulator, TanhMode tanh) {
        checkOpen();
        if (emulator == null || tanh == null) {
            throw new IllegalArgumentException("compile: expected an emulator and a tanh mode, found " + emulator
                    + " and " + tanh);
        }
        if (emulator.family() != org.emulens.engine.ModelFamily.MLP) {
            throw new IllegalArgumentException("emulator '" + emulator.name() + "' is a "
                    + emulator.family().description() + "; the tornado backend evaluates MLPs only (trees run on "
                    + "cpu, opencl and cuda, Gaussian processes on cpu)");
        }
        return new TornadoCompiledEmulator(this, emulator, tanh);
    }

    @Override
    public FusedEnsembleRun fusedRun(CompiledEmulator model, FusedRunOptions options) {
        checkOpen();
        if (!(model instanceof TornadoCompiledEmulator) || ((TornadoCompiledEmulator) model).backend() != this) {
            throw new IllegalArgumentException("fusedRun: expected a model compiled by this tornado backend, found "
                    + (model == null ? "null" : model.getClass().getSimpleName()));
        }
        if (options == null) {
            throw new IllegalArgumentException("fusedRun: expected FusedRunOptions, found null");
        }
        return new TornadoFusedRun((TornadoCompiledEmulator) model, options);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("tornado backend is closed");
        }
    }

    /** Models and runs own their plans and are closed by their users; the runtime stays up with the JVM. */
    @Override
    public void close() {
        closed = true;
    }
}
