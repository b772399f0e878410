package org.emulens.kernels.cuda.internal;

import static jcuda.driver.JCudaDriver.cuCtxCreate;
import static jcuda.driver.JCudaDriver.cuCtxDestroy;
import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemAllocHost;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuStreamCreate;

import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUmodule;
import jcuda.driver.CUstream;

/**
 * A CUDA context on one device: the factory of the device memory, pinned host memory, streams and modules
 * that live in it. Every call makes it current first, since the driver binds contexts to threads and
 * callers may come from any thread. Close what it made first; closing it destroys the context.
 */
public final class CuContext extends CuResource {
    private final CuDeviceInfo device;
    private final CUcontext handle;

    private CuContext(CuDeviceInfo device, CUcontext handle) {
        super("CUDA context on " + device.name(), null);
        this.device = device;
        this.handle = handle;
    }

    public static CuContext open(CuDeviceInfo device) {
        CUcontext c = new CUcontext();
        CuCalls.check("cuCtxCreate(" + device.name() + ")", cuCtxCreate(c, 0, CuDevices.handle(device.ordinal())));
        return new CuContext(device, c);
    }

    public CuDeviceInfo device() {
        return device;
    }

    public void makeCurrent() {
        CuCalls.check("cuCtxSetCurrent", cuCtxSetCurrent(handle));
    }

    public CuBuffer allocate(long bytes) {
        checkOpen();
        makeCurrent();
        long size = Math.max(bytes, 4);
        CUdeviceptr p = new CUdeviceptr();
        CuCalls.check("cuMemAlloc(" + size + " bytes)", cuMemAlloc(p, size));
        return new CuBuffer(this, p, size);
    }

    public CuBuffer upload(float[] data) {
        CuBuffer b = allocate(4L * data.length);
        if (data.length > 0) {
            CuCalls.check("cuMemcpyHtoD", cuMemcpyHtoD(b.pointer(), Pointer.to(data), 4L * data.length));
        }
        return b;
    }

    public CuBuffer upload(int[] data) {
        CuBuffer b = allocate(4L * data.length);
        if (data.length > 0) {
            CuCalls.check("cuMemcpyHtoD", cuMemcpyHtoD(b.pointer(), Pointer.to(data), 4L * data.length));
        }
        return b;
    }

    /** Page-locked host memory, which asynchronous copies need. */
    public CuPinned pinned(long bytes) {
        checkOpen();
        makeCurrent();
        long size = Math.max(bytes, 4);
        Pointer p = new Pointer();
        CuCalls.check("cuMemAllocHost(" + size + " bytes)", cuMemAllocHost(p, size));
        return new CuPinned(this, p, size);
    }

    public CuStream stream() {
        checkOpen();
        makeCurrent();
        CUstream s = new CUstream();
        CuCalls.check("cuStreamCreate", cuStreamCreate(s, 0));
        return new CuStream(this, s);
    }

    public CuEvent event() {
        checkOpen();
        return CuEvent.create(this);
    }

    /** Loads PTX text; the driver compiles it for this device. */
    public CuModule load(String ptx) {
        checkOpen();
        makeCurrent();
        CUmodule m = new CUmodule();
        CuCalls.check("cuModuleLoadData (Emulens PTX)", cuModuleLoadData(m, ptx));
        return new CuModule(this, m);
    }

    @Override
    void release() {
        cuCtxDestroy(handle);
    }
}
