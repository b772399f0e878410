package org.emulens.kernels.cuda.internal;

import static jcuda.driver.CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK;
import static jcuda.driver.JCudaDriver.cuFuncGetAttribute;

import jcuda.driver.CUfunction;

/** A kernel of a {@link CuModule}; owned by the module, so it has nothing to release. */
public final class CuFunction {
    private final CUfunction function;
    private final String name;

    CuFunction(CUfunction function, String name) {
        this.function = function;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Most threads per block this kernel can launch with, given its registers and stack. */
    public int maxThreadsPerBlock() {
        int[] v = new int[1];
        CuCalls.check("cuFuncGetAttribute(" + name + ")",
                cuFuncGetAttribute(v, CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK, function));
        return v[0];
    }

    CUfunction handle() {
        return function;
    }
}
