package org.emulens.kernels.cuda.internal;

import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoHAsync;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoDAsync;
import static jcuda.driver.JCudaDriver.cuStreamDestroy;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import jcuda.driver.CUstream;

/** A stream: copies and launches on it run in order, and overlap with other streams' work. */
public final class CuStream extends CuResource {
    private final CUstream stream;

    CuStream(CuContext context, CUstream stream) {
        super("CUDA stream", context);
        this.stream = stream;
    }

    public void upload(CuBuffer target, CuPinned source, long bytes) {
        checkOpen();
        context.makeCurrent();
        CuCalls.check("cuMemcpyHtoDAsync(" + bytes + " bytes)",
                cuMemcpyHtoDAsync(target.pointer(), source.pointer(), bytes, stream));
    }

    public void download(CuPinned target, CuBuffer source, long bytes) {
        checkOpen();
        context.makeCurrent();
        CuCalls.check("cuMemcpyDtoHAsync(" + bytes + " bytes)",
                cuMemcpyDtoHAsync(target.pointer(), source.pointer(), bytes, stream));
    }

    /** Launches {@code blocks} blocks of {@code threads} with {@code sharedBytes} of dynamic shared memory. */
    public void launch(CuFunction function, long blocks, int threads, long sharedBytes, CuArgs args) {
        checkOpen();
        if (blocks > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("launch of " + function.name() + ": expected at most 2^31 - 1 blocks, "
                    + "found " + blocks);
        }
        context.makeCurrent();
        CuCalls.check("cuLaunchKernel(" + function.name() + ", " + blocks + " x " + threads + ", " + sharedBytes
                + " bytes shared)", cuLaunchKernel(function.handle(), (int) blocks, 1, 1, threads, 1, 1,
                        (int) sharedBytes, stream, args.pointer(), null));
    }

    CUstream handle() {
        checkOpen();
        return stream;
    }

    public void synchronize() {
        checkOpen();
        context.makeCurrent();
        CuCalls.check("cuStreamSynchronize", cuStreamSynchronize(stream));
    }

    @Override
    void release() {
        cuStreamSynchronize(stream);
        cuStreamDestroy(stream);
    }
}
