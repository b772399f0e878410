package org.emulens.kernels.opencl;

import org.emulens.kernels.DeviceBackends;
import org.emulens.kernels.FusedEnsembleBackend;
import org.emulens.kernels.SeasonStepperContract;

/** A season stepped on OpenCL against the CPU; runs on PoCL's CPU device in CI. */
class OpenClSeasonTest extends SeasonStepperContract {

    @Override
    protected FusedEnsembleBackend backend() {
        return DeviceBackends.openClOrSkip();
    }
}
