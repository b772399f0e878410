package org.emulens.kernels.opencl.internal;

import static org.jocl.CL.CL_DEVICE_TYPE_ACCELERATOR;
import static org.jocl.CL.CL_DEVICE_TYPE_CPU;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT;

import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/** What the backend needs to know about one OpenCL device, read once. */
public record ClDeviceInfo(cl_platform_id platform, cl_device_id device, String platformName, String name,
        String version, long type, int computeUnits, int clockMhz, long globalMemory, long localMemory,
        long maxConstantBuffer, int maxConstantArgs, long maxWorkGroupSize, long singleFpConfig) {

    /** Division and square root correctly rounded on request: the random draws need it to match Java. */
    public boolean correctlyRoundedDivideSqrt() {
        return (singleFpConfig & CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT) != 0;
    }

    public boolean isCpu() {
        return (type & CL_DEVICE_TYPE_CPU) != 0;
    }

    public boolean isGpuOrAccelerator() {
        return (type & (CL_DEVICE_TYPE_GPU | CL_DEVICE_TYPE_ACCELERATOR)) != 0;
    }

    public String typeName() {
        if ((type & CL_DEVICE_TYPE_GPU) != 0) {
            return "GPU";
        }
        if ((type & CL_DEVICE_TYPE_ACCELERATOR) != 0) {
            return "accelerator";
        }
        return isCpu() ? "CPU" : "device";
    }

    /** "NVIDIA GeForce RTX 4090 (GPU, NVIDIA CUDA, OpenCL 3.0 CUDA, 128 compute units)". */
    public String describe() {
        return name + " (" + typeName() + ", " + platformName + ", " + version + ", " + computeUnits
                + " compute units)";
    }
}
