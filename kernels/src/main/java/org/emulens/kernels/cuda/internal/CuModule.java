package org.emulens.kernels.cuda.internal;

import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleUnload;

import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;

/** A loaded module; its functions live as long as it does. */
public final class CuModule extends CuResource {
    private final CUmodule module;

    CuModule(CuContext context, CUmodule module) {
        super("CUDA module", context);
        this.module = module;
    }

    public CuFunction function(String name) {
        checkOpen();
        context.makeCurrent();
        CUfunction f = new CUfunction();
        CuCalls.check("cuModuleGetFunction(" + name + ")", cuModuleGetFunction(f, module, name));
        return new CuFunction(f, name);
    }

    @Override
    void release() {
        cuModuleUnload(module);
    }
}
