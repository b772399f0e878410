package org.emulens.kernels.opencl.internal;

import static org.jocl.CL.CL_KERNEL_WORK_GROUP_SIZE;
import static org.jocl.CL.clGetKernelWorkGroupInfo;
import static org.jocl.CL.clReleaseKernel;
import static org.jocl.CL.clSetKernelArg;

import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;

/**
 * A kernel and its arguments. Arguments are set in order with {@link #args()}; the types must match the
 * C signature (i32 for int and uint, i64 for emu_u64).
 */
public final class ClKernel extends ClResource {
    private final cl_kernel kernel;
    private final String name;
    private final ClDeviceInfo device;

    ClKernel(cl_kernel kernel, String name, ClDeviceInfo device) {
        super("OpenCL kernel " + name);
        this.kernel = kernel;
        this.name = name;
        this.device = device;
    }

    public String name() {
        return name;
    }

    /** The most work-items per group this kernel can run with on its device. */
    public long maxWorkGroupSize() {
        checkOpen();
        long[] v = new long[1];
        ClCalls.run("clGetKernelWorkGroupInfo(" + name + ")", () -> clGetKernelWorkGroupInfo(kernel,
                device.device(), CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(v), null));
        return v[0];
    }

    /** Sets the arguments from index 0 on. */
    public Args args() {
        checkOpen();
        return new Args();
    }

    cl_kernel handle() {
        checkOpen();
        return kernel;
    }

    @Override
    void release() {
        clReleaseKernel(kernel);
    }

    /** Sequential argument setter. */
    public final class Args {
        private int index;

        public Args buffer(ClBuffer b) {
            return set(Sizeof.cl_mem, Pointer.to(b.mem()));
        }

        public Args i32(int v) {
            return set(Sizeof.cl_int, Pointer.to(new int[] {v}));
        }

        public Args i64(long v) {
            return set(Sizeof.cl_long, Pointer.to(new long[] {v}));
        }

        /** A {@code __local} argument of {@code bytes}. */
        public Args local(long bytes) {
            return set(Math.max(bytes, 4), null);
        }

        private Args set(long size, Pointer value) {
            int i = index++;
            ClCalls.run("clSetKernelArg(" + name + ", " + i + ")", () -> clSetKernelArg(kernel, i, size, value));
            return this;
        }
    }
}
