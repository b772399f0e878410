package org.emulens.kernels.opencl;

import java.util.List;
import org.emulens.engine.Emulator;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.BackendUnavailableException;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.kernels.FusedEnsembleBackend;
import org.emulens.kernels.FusedEnsembleRun;
import org.emulens.kernels.FusedRunOptions;
import org.emulens.kernels.internal.KernelSource;
import org.emulens.kernels.internal.PackedModel;
import org.emulens.kernels.opencl.internal.ClContext;
import org.emulens.kernels.opencl.internal.ClDeviceInfo;
import org.emulens.kernels.opencl.internal.ClPlatforms;
import org.emulens.kernels.opencl.internal.ClProgram;

/**
 * An OpenCL device with its context and the kernel program, built on first use in the two variants the
 * models need: weights in {@code __constant} memory when they fit there, in {@code __global} memory
 * otherwise. Models compiled here own their device buffers; close them, then the backend.
 */
public final class OpenClBackend implements FusedEnsembleBackend {
    private final ClDeviceInfo device;
    private final ClContext context;
    private final ClProgram[] programs = new ClProgram[2];
    private volatile boolean closed;

    private OpenClBackend(ClDeviceInfo device, ClContext context) {
        this.device = device;
        this.context = context;
    }

    /**
     * Opens device {@code options.deviceIndex()} in the order of {@code emulens backends}.
     *
     * @throws BackendUnavailableException saying why not
     */
    public static OpenClBackend open(BackendOptions options) {
        List<ClDeviceInfo> devices;
        try {
            devices = ClPlatforms.devices();
        } catch (LinkageError ex) {
            throw new BackendUnavailableException("backend 'opencl' cannot start: no OpenCL driver (libOpenCL.so not "
                    + "found or not loadable: " + ex.getMessage() + ")", ex);
        } catch (RuntimeException ex) {
            throw new BackendUnavailableException("backend 'opencl' cannot start: " + ex.getMessage(), ex);
        }
        int index = options.deviceIndex();
        if (index >= devices.size()) {
            throw new BackendUnavailableException("backend 'opencl': device index expected below " + devices.size()
                    + " (the OpenCL devices found), found " + index);
        }
        ClDeviceInfo d = devices.get(index);
        String unusable = OpenClBackendProvider.unusableReason(d);
        if (unusable != null) {
            throw new BackendUnavailableException("backend 'opencl' cannot start: " + unusable);
        }
        return new OpenClBackend(d, ClContext.open(d));
    }

    @Override
    public String name() {
        return "opencl";
    }

    @Override
    public String device() {
        return device.describe();
    }

    ClDeviceInfo deviceInfo() {
        return device;
    }

    ClContext context() {
        checkOpen();
        return context;
    }

    @Override
    public CompiledEmulator compile(Emulator emulator, TanhMode tanh) {
        return compile(emulator, tanh, true);
    }

    /** As {@link #compile(Emulator, TanhMode)}; {@code allowConstant} false forces weights into global memory. */
    OpenClCompiledEmulator compile(Emulator emulator, TanhMode tanh, boolean allowConstant) {
        checkOpen();
        if (tanh == null) {
            throw new IllegalArgumentException("tanh mode: expected EXACT or FAST, found null");
        }
        PackedModel packed = PackedModel.of(emulator);
        boolean inConstant = allowConstant && packed.bytes() <= device.maxConstantBuffer()
                && device.maxConstantArgs() >= 2;
        return new OpenClCompiledEmulator(this, emulator, tanh, packed, program(inConstant), inConstant);
    }

    @Override
    public FusedEnsembleRun fusedRun(CompiledEmulator model, FusedRunOptions options) {
        checkOpen();
        if (!(model instanceof OpenClCompiledEmulator) || ((OpenClCompiledEmulator) model).backend() != this) {
            throw new IllegalArgumentException("fused run: expected a model compiled by this OpenCL backend, found "
                    + (model == null ? "null" : model.getClass().getName()));
        }
        return new OpenClFusedRun((OpenClCompiledEmulator) model, options);
    }

    /** The program with weights in constant ({@code true}) or global memory, built once. */
    synchronized ClProgram program(boolean paramsInConstant) {
        int i = paramsInConstant ? 1 : 0;
        if (programs[i] == null) {
            programs[i] = context.build(KernelSource.openClProgram(),
                    KernelSource.OPENCL_OPTIONS + " -DEMU_PARAMS_IN_CONSTANT=" + i);
        }
        return programs[i];
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the OpenCL backend is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (ClProgram p : programs) {
            if (p != null) {
                p.close();
            }
        }
        context.close();
    }
}
