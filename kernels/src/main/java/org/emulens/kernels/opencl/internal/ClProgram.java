package org.emulens.kernels.opencl.internal;

import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.clBuildProgram;
import static org.jocl.CL.clCreateKernel;
import static org.jocl.CL.clGetProgramBuildInfo;
import static org.jocl.CL.clReleaseProgram;

import java.nio.charset.StandardCharsets;
import org.emulens.kernels.opencl.OpenClException;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_program;

/** A built program; makes kernels, each of which its caller owns. */
public final class ClProgram extends ClResource {
    private final cl_program program;
    private final ClDeviceInfo device;

    ClProgram(cl_program program, ClDeviceInfo device) {
        super("OpenCL program");
        this.program = program;
        this.device = device;
    }

    void build(String options) {
        try {
            clBuildProgram(program, 1, new cl_device_id[] {device.device()}, options, null, null);
        } catch (CLException ex) {
            throw new OpenClException("building the Emulens kernels for " + device.name() + " with \"" + options
                    + "\" failed (" + org.jocl.CL.stringFor_errorCode(ex.getStatus()) + "); build log:\n" + buildLog(),
                    ex);
        }
    }

    /** The compiler's messages for this device; empty if it gave none. */
    public String buildLog() {
        try {
            long[] size = new long[1];
            clGetProgramBuildInfo(program, device.device(), CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] log = new byte[(int) size[0]];
            clGetProgramBuildInfo(program, device.device(), CL_PROGRAM_BUILD_LOG, log.length, Pointer.to(log), null);
            int n = log.length;
            while (n > 0 && log[n - 1] == 0) {
                n--;
            }
            return new String(log, 0, n, StandardCharsets.UTF_8).trim();
        } catch (CLException ex) {
            return "(no build log: " + org.jocl.CL.stringFor_errorCode(ex.getStatus()) + ")";
        }
    }

    /** A new kernel object; kernels hold their arguments, so each user needs its own. */
    public ClKernel kernel(String name) {
        checkOpen();
        cl_kernel k = ClCalls.call("clCreateKernel(" + name + ")", () -> clCreateKernel(program, name, null));
        return new ClKernel(k, name, device);
    }

    @Override
    void release() {
        clReleaseProgram(program);
    }
}
