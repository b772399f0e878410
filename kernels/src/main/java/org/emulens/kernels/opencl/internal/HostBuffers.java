package org.emulens.kernels.opencl.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Direct host buffers in the device's byte order, for non-blocking transfers. */
public final class HostBuffers {
    private HostBuffers() {
    }

    public static ByteBuffer direct(long bytes) {
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("host staging buffer: expected at most 2^31 - 1 bytes, found " + bytes);
        }
        return ByteBuffer.allocateDirect((int) Math.max(bytes, 4)).order(ByteOrder.nativeOrder());
    }
}
