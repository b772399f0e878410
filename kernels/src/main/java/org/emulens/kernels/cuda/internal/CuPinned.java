package org.emulens.kernels.cuda.internal;

import static jcuda.driver.JCudaDriver.cuMemFreeHost;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jcuda.Pointer;

/** Page-locked host memory, seen from Java as a direct buffer. */
public final class CuPinned extends CuResource {
    private final Pointer pointer;
    private final ByteBuffer buffer;

    CuPinned(CuContext context, Pointer pointer, long bytes) {
        super("CUDA pinned host buffer of " + bytes + " bytes", context);
        this.pointer = pointer;
        this.buffer = pointer.getByteBuffer(0, bytes).order(ByteOrder.nativeOrder());
    }

    /** The memory as a buffer positioned at 0; valid until close. */
    public ByteBuffer buffer() {
        checkOpen();
        return buffer.clear();
    }

    Pointer pointer() {
        checkOpen();
        return pointer;
    }

    @Override
    void release() {
        cuMemFreeHost(pointer);
    }
}
