package org.emulens.kernels.cuda.internal;

import jcuda.driver.CUresult;
import org.emulens.kernels.cuda.CudaDriverException;

/** Checks driver results; JCuda's own exceptions stay off so that the CUresult is kept. */
final class CuCalls {
    private CuCalls() {
    }

    static void check(String what, int result) {
        if (result != CUresult.CUDA_SUCCESS) {
            throw new CudaDriverException(what + " failed: " + CUresult.stringFor(result) + hint(result), result);
        }
    }

    private static String hint(int result) {
        switch (result) {
            case CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION:
                return " (the NVIDIA driver is older than the bundled PTX, which CUDA " + PtxResources.TOOLKIT
                        + " produced: update the driver, or regenerate the PTX with your toolkit by "
                        + "kernels/build-ptx.sh)";
            case CUresult.CUDA_ERROR_NO_DEVICE:
                return " (the driver sees no CUDA device)";
            case CUresult.CUDA_ERROR_NOT_INITIALIZED:
                return " (the NVIDIA driver did not initialise; is it installed and loaded?)";
            case CUresult.CUDA_ERROR_OUT_OF_MEMORY:
                return " (device memory is full: use fewer groups per launch or smaller chunks)";
            case CUresult.CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES:
                return " (too many registers or too much shared memory for this block size: use a smaller "
                        + "work-group size)";
            default:
                return "";
        }
    }
}
