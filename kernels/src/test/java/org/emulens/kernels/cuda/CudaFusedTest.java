package org.emulens.kernels.cuda;

import org.emulens.kernels.DeviceBackends;
import org.emulens.kernels.FusedEnsembleBackend;
import org.emulens.kernels.FusedPassContract;
import org.junit.jupiter.api.Tag;

/** The CUDA fused pass against MemberDraws and the CPU propagator; needs an NVIDIA GPU. */
@Tag("gpu")
class CudaFusedTest extends FusedPassContract {

    @Override
    protected FusedEnsembleBackend backend() {
        return DeviceBackends.cudaOrSkip();
    }
}
