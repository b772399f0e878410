package org.emulens.kernels.cuda.internal;

import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_CLOCK_RATE;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_TOTAL_CONSTANT_MEMORY;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuInit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUdevice;
import jcuda.driver.CUresult;

/** Initialises the driver and lists its devices, in the driver's order: the device indices. */
public final class CuDevices {
    private CuDevices() {
    }

    /**
     * All devices; empty when the driver has none.
     *
     * @throws LinkageError when JCuda's JNI library or libcuda.so.1 cannot be loaded
     * @throws org.emulens.kernels.cuda.CudaDriverException when the driver fails otherwise
     */
    public static List<CuDeviceInfo> devices() {
        int init = cuInit(0);
        if (init == CUresult.CUDA_ERROR_NO_DEVICE) {
            return List.of();
        }
        CuCalls.check("cuInit", init);
        int[] count = new int[1];
        CuCalls.check("cuDeviceGetCount", cuDeviceGetCount(count));
        List<CuDeviceInfo> list = new ArrayList<>();
        for (int i = 0; i < count[0]; i++) {
            CUdevice d = new CUdevice();
            CuCalls.check("cuDeviceGet(" + i + ")", cuDeviceGet(d, i));
            byte[] name = new byte[256];
            CuCalls.check("cuDeviceGetName", cuDeviceGetName(name, name.length, d));
            long[] memory = new long[1];
            CuCalls.check("cuDeviceTotalMem", cuDeviceTotalMem(memory, d));
            list.add(new CuDeviceInfo(i, text(name), attribute(d, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
                    attribute(d, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR),
                    attribute(d, CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT),
                    attributeOrZero(d, CU_DEVICE_ATTRIBUTE_CLOCK_RATE),
                    memory[0], attribute(d, CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK),
                    attribute(d, CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK),
                    attribute(d, CU_DEVICE_ATTRIBUTE_TOTAL_CONSTANT_MEMORY)));
        }
        return list;
    }

    static CUdevice handle(int ordinal) {
        CUdevice d = new CUdevice();
        CuCalls.check("cuDeviceGet(" + ordinal + ")", cuDeviceGet(d, ordinal));
        return d;
    }

    private static int attribute(CUdevice d, int attribute) {
        int[] v = new int[1];
        CuCalls.check("cuDeviceGetAttribute(" + attribute + ")", cuDeviceGetAttribute(v, attribute, d));
        return v[0];
    }

    /** For attributes that only inform (newer drivers deprecate the clock rate): 0 when not reported. */
    private static int attributeOrZero(CUdevice d, int attribute) {
        int[] v = new int[1];
        return cuDeviceGetAttribute(v, attribute, d) == CUresult.CUDA_SUCCESS ? v[0] : 0;
    }

    private static String text(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8).trim();
    }
}
