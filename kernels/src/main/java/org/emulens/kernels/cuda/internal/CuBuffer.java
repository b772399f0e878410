package org.emulens.kernels.cuda.internal;

import static jcuda.driver.JCudaDriver.cuMemFree;

import jcuda.driver.CUdeviceptr;

/** Device memory. */
public final class CuBuffer extends CuResource {
    private final CUdeviceptr pointer;
    private final long bytes;

    CuBuffer(CuContext context, CUdeviceptr pointer, long bytes) {
        super("CUDA buffer of " + bytes + " bytes", context);
        this.pointer = pointer;
        this.bytes = bytes;
    }

    public long bytes() {
        return bytes;
    }

    CUdeviceptr pointer() {
        checkOpen();
        return pointer;
    }

    @Override
    void release() {
        cuMemFree(pointer);
    }
}
