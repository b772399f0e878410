package org.emulens.kernels.opencl.internal;

import static org.jocl.CL.clReleaseMemObject;

import org.jocl.cl_mem;

/** A device buffer. */
public final class ClBuffer extends ClResource {
    private final cl_mem mem;
    private final long bytes;

    ClBuffer(cl_mem mem, long bytes) {
        super("OpenCL buffer of " + bytes + " bytes");
        this.mem = mem;
        this.bytes = bytes;
    }

    public long bytes() {
        return bytes;
    }

    cl_mem mem() {
        checkOpen();
        return mem;
    }

    @Override
    void release() {
        clReleaseMemObject(mem);
    }
}
