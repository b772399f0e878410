package org.emulens.kernels.opencl.internal;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_ONLY;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clCreateCommandQueue;
import static org.jocl.CL.clCreateContext;
import static org.jocl.CL.clCreateProgramWithSource;
import static org.jocl.CL.clReleaseContext;

import org.jocl.Pointer;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_mem;
import org.jocl.cl_program;

/**
 * An OpenCL context on one device: the factory of the buffers, queues and programs that live in it. Close
 * those first; closing the context releases only the context.
 */
public final class ClContext extends ClResource {
    private final ClDeviceInfo device;
    private final cl_context context;

    private ClContext(ClDeviceInfo device, cl_context context) {
        super("OpenCL context on " + device.name());
        this.device = device;
        this.context = context;
    }

    public static ClContext open(ClDeviceInfo device) {
        cl_context_properties props = new cl_context_properties();
        props.addProperty(CL_CONTEXT_PLATFORM, device.platform());
        cl_context c = ClCalls.call("clCreateContext(" + device.name() + ")",
                () -> clCreateContext(props, 1, new cl_device_id[] {device.device()}, null, null, null));
        return new ClContext(device, c);
    }

    public ClDeviceInfo device() {
        return device;
    }

    /** An in-order command queue. */
    @SuppressWarnings("deprecation") // clCreateCommandQueue is the OpenCL 1.2 call; 2.0's needs 2.0 drivers
    public ClQueue newQueue() {
        checkOpen();
        cl_command_queue q = ClCalls.call("clCreateCommandQueue", () -> clCreateCommandQueue(context,
                device.device(), 0, null));
        return new ClQueue(q);
    }

    /** A device buffer of {@code bytes} (at least 4, since OpenCL refuses empty buffers). */
    public ClBuffer newBuffer(long bytes) {
        checkOpen();
        long size = Math.max(bytes, 4);
        cl_mem m = ClCalls.call("clCreateBuffer(" + size + " bytes)",
                () -> clCreateBuffer(context, CL_MEM_READ_WRITE, size, null, null));
        return new ClBuffer(m, size);
    }

    /** A read-only buffer holding {@code data}; an empty array gives a 4-byte placeholder. */
    public ClBuffer upload(float[] data) {
        return data.length == 0 ? newBuffer(4) : readOnly(Pointer.to(data), 4L * data.length);
    }

    public ClBuffer upload(int[] data) {
        return data.length == 0 ? newBuffer(4) : readOnly(Pointer.to(data), 4L * data.length);
    }

    private ClBuffer readOnly(Pointer data, long bytes) {
        checkOpen();
        cl_mem m = ClCalls.call("clCreateBuffer(" + bytes + " bytes)",
                () -> clCreateBuffer(context, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, bytes, data, null));
        return new ClBuffer(m, bytes);
    }

    /**
     * Compiles {@code source} for this device.
     *
     * @throws org.emulens.kernels.opencl.OpenClException with the build log when it does not compile
     */
    public ClProgram build(String source, String options) {
        checkOpen();
        cl_program p = ClCalls.call("clCreateProgramWithSource",
                () -> clCreateProgramWithSource(context, 1, new String[] {source}, null, null));
        ClProgram program = new ClProgram(p, device);
        try {
            program.build(options);
            return program;
        } catch (RuntimeException ex) {
            program.close();
            throw ex;
        }
    }

    @Override
    void release() {
        clReleaseContext(context);
    }
}
