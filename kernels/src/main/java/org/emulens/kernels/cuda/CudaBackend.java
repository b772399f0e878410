package org.emulens.kernels.cuda;

import java.util.List;
import org.emulens.engine.Emulator;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.BackendUnavailableException;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.kernels.FusedEnsembleBackend;
import org.emulens.kernels.FusedEnsembleRun;
import org.emulens.kernels.FusedRunOptions;
import org.emulens.kernels.cuda.internal.CuContext;
import org.emulens.kernels.cuda.internal.CuDeviceInfo;
import org.emulens.kernels.cuda.internal.CuDevices;
import org.emulens.kernels.cuda.internal.CuModule;
import org.emulens.kernels.cuda.internal.PtxResources;
import org.emulens.kernels.internal.PackedModel;

/**
 * A CUDA device with its context and the kernel module, loaded from the bundled PTX. Models compiled here
 * own their device memory; close them, then the backend.
 */
public final class CudaBackend implements FusedEnsembleBackend {
    private final CuDeviceInfo device;
    private final CuContext context;
    private final CuModule module;
    private volatile boolean closed;

    private CudaBackend(CuDeviceInfo device, CuContext context, CuModule module) {
        this.device = device;
        this.context = context;
        this.module = module;
    }

    /**
     * Opens device {@code options.deviceIndex()} in the driver's order.
     *
     * @throws BackendUnavailableException saying why not
     */
    public static CudaBackend open(BackendOptions options) {
        List<CuDeviceInfo> devices;
        try {
            devices = CuDevices.devices();
        } catch (LinkageError ex) {
            throw new BackendUnavailableException("backend 'cuda' cannot start: "
                    + CudaBackendProvider.linkageReason(ex), ex);
        } catch (RuntimeException ex) {
            throw new BackendUnavailableException("backend 'cuda' cannot start: " + ex.getMessage(), ex);
        }
        int index = options.deviceIndex();
        if (index >= devices.size()) {
            throw new BackendUnavailableException("backend 'cuda': device index expected below " + devices.size()
                    + " (the CUDA devices found), found " + index);
        }
        CuDeviceInfo d = devices.get(index);
        String unusable = CudaBackendProvider.unusableReason(d);
        if (unusable != null) {
            throw new BackendUnavailableException("backend 'cuda' cannot start: " + unusable);
        }
        CuContext context = CuContext.open(d);
        try {
            String ptx = PtxResources.read(PtxResources.resourceFor(d.major(), d.minor()));
            return new CudaBackend(d, context, context.load(ptx));
        } catch (RuntimeException ex) {
            context.close();
            throw ex;
        }
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public String device() {
        return device.describe();
    }

    /** The device's properties, for benchmarks' fraction of peak. */
    public CuDeviceInfo deviceInfo() {
        return device;
    }

    CuContext context() {
        checkOpen();
        return context;
    }

    CuModule module() {
        checkOpen();
        return module;
    }

    @Override
    public CompiledEmulator compile(Emulator emulator, TanhMode tanh) {
        checkOpen();
        if (tanh == null) {
            throw new IllegalArgumentException("tanh mode: expected EXACT or FAST, found null");
        }
        return new CudaCompiledEmulator(this, emulator, tanh, PackedModel.of(emulator));
    }

    @Override
    public FusedEnsembleRun fusedRun(CompiledEmulator model, FusedRunOptions options) {
        checkOpen();
        if (!(model instanceof CudaCompiledEmulator) || ((CudaCompiledEmulator) model).backend() != this) {
            throw new IllegalArgumentException("fused run: expected a model compiled by this CUDA backend, found "
                    + (model == null ? "null" : model.getClass().getName()));
        }
        return new CudaFusedRun((CudaCompiledEmulator) model, options);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the CUDA backend is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        module.close();
        context.close();
    }
}
