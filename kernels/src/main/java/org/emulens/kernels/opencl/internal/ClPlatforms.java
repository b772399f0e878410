package org.emulens.kernels.opencl.internal;

import static org.jocl.CL.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_LOCAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_CLOCK_FREQUENCY;
import static org.jocl.CL.CL_DEVICE_MAX_COMPUTE_UNITS;
import static org.jocl.CL.CL_DEVICE_MAX_CONSTANT_ARGS;
import static org.jocl.CL.CL_DEVICE_MAX_CONSTANT_BUFFER_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_SINGLE_FP_CONFIG;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_VERSION;
import static org.jocl.CL.CL_PLATFORM_NAME;
import static org.jocl.CL.clGetDeviceIDs;
import static org.jocl.CL.clGetDeviceInfo;
import static org.jocl.CL.clGetPlatformIDs;
import static org.jocl.CL.clGetPlatformInfo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/** Lists the OpenCL devices of every platform, in platform order then device order: the device indices. */
public final class ClPlatforms {
    private ClPlatforms() {
    }

    /**
     * All devices; empty when the ICD loader finds no platform.
     *
     * @throws LinkageError when JOCL or libOpenCL.so cannot be loaded
     * @throws org.emulens.kernels.opencl.OpenClException when a query fails
     */
    public static List<ClDeviceInfo> devices() {
        ClCalls.init();
        int[] count = new int[1];
        try {
            clGetPlatformIDs(0, null, count);
        } catch (CLException ex) {
            if (ex.getStatus() == CL.CL_PLATFORM_NOT_FOUND_KHR) {
                return List.of();
            }
            throw ex;
        }
        cl_platform_id[] platforms = new cl_platform_id[count[0]];
        ClCalls.run("clGetPlatformIDs", () -> clGetPlatformIDs(platforms.length, platforms, null));
        List<ClDeviceInfo> list = new ArrayList<>();
        for (cl_platform_id p : platforms) {
            String platformName = platformString(p, CL_PLATFORM_NAME);
            int[] n = new int[1];
            try {
                clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, 0, null, n);
            } catch (CLException ex) {
                if (ex.getStatus() == CL.CL_DEVICE_NOT_FOUND) {
                    continue;
                }
                throw ex;
            }
            cl_device_id[] ids = new cl_device_id[n[0]];
            ClCalls.run("clGetDeviceIDs", () -> clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, ids.length, ids, null));
            for (cl_device_id d : ids) {
                list.add(new ClDeviceInfo(p, d, platformName, deviceString(d, CL_DEVICE_NAME),
                        deviceString(d, CL_DEVICE_VERSION), deviceLong(d, CL_DEVICE_TYPE),
                        deviceInt(d, CL_DEVICE_MAX_COMPUTE_UNITS), deviceInt(d, CL_DEVICE_MAX_CLOCK_FREQUENCY),
                        deviceLong(d, CL_DEVICE_GLOBAL_MEM_SIZE), deviceLong(d, CL_DEVICE_LOCAL_MEM_SIZE),
                        deviceLong(d, CL_DEVICE_MAX_CONSTANT_BUFFER_SIZE), deviceInt(d, CL_DEVICE_MAX_CONSTANT_ARGS),
                        deviceLong(d, CL_DEVICE_MAX_WORK_GROUP_SIZE), deviceLong(d, CL_DEVICE_SINGLE_FP_CONFIG)));
            }
        }
        return list;
    }

    private static String platformString(cl_platform_id p, int param) {
        long[] size = new long[1];
        ClCalls.run("clGetPlatformInfo", () -> clGetPlatformInfo(p, param, 0, null, size));
        byte[] bytes = new byte[(int) size[0]];
        ClCalls.run("clGetPlatformInfo", () -> clGetPlatformInfo(p, param, bytes.length, Pointer.to(bytes), null));
        return text(bytes);
    }

    private static String deviceString(cl_device_id d, int param) {
        long[] size = new long[1];
        ClCalls.run("clGetDeviceInfo", () -> clGetDeviceInfo(d, param, 0, null, size));
        byte[] bytes = new byte[(int) size[0]];
        ClCalls.run("clGetDeviceInfo", () -> clGetDeviceInfo(d, param, bytes.length, Pointer.to(bytes), null));
        return text(bytes);
    }

    /** Reads a cl_ulong, size_t (64-bit hosts) or bitfield property. */
    private static long deviceLong(cl_device_id d, int param) {
        long[] v = new long[1];
        ClCalls.run("clGetDeviceInfo", () -> clGetDeviceInfo(d, param, Sizeof.cl_long, Pointer.to(v), null));
        return v[0];
    }

    private static int deviceInt(cl_device_id d, int param) {
        int[] v = new int[1];
        ClCalls.run("clGetDeviceInfo", () -> clGetDeviceInfo(d, param, Sizeof.cl_int, Pointer.to(v), null));
        return v[0];
    }

    private static String text(byte[] bytes) {
        int n = bytes.length;
        while (n > 0 && bytes[n - 1] == 0) {
            n--;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8).trim();
    }
}
