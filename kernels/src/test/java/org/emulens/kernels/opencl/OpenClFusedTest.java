package org.emulens.kernels.opencl;

import org.emulens.kernels.DeviceBackends;
import org.emulens.kernels.FusedEnsembleBackend;
import org.emulens.kernels.FusedPassContract;

/** The OpenCL fused pass against MemberDraws and the CPU propagator; runs on PoCL's CPU device in CI. */
class OpenClFusedTest extends FusedPassContract {

    @Override
    protected FusedEnsembleBackend backend() {
        return DeviceBackends.openClOrSkip();
    }
}
