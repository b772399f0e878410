package org.emulens.kernels.cuda;

import org.emulens.kernels.DeviceBackends;
import org.emulens.kernels.FusedEnsembleBackend;
import org.emulens.kernels.ForwardPassContract;
import org.junit.jupiter.api.Tag;

/** The CUDA forward pass against the CPU reference; needs an NVIDIA GPU, skipped (saying why) elsewhere. */
@Tag("gpu")
class CudaForwardTest extends ForwardPassContract {

    @Override
    protected FusedEnsembleBackend backend() {
        return DeviceBackends.cudaOrSkip();
    }
}
