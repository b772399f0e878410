package org.emulens.kernels.cuda;

import org.emulens.kernels.DeviceBackends;
import org.emulens.kernels.FusedEnsembleBackend;
import org.emulens.kernels.SeasonStepperContract;
import org.junit.jupiter.api.Tag;

/** A season stepped on CUDA against the CPU; needs an NVIDIA GPU, skipped (saying why) elsewhere. */
@Tag("gpu")
class CudaSeasonTest extends SeasonStepperContract {

    @Override
    protected FusedEnsembleBackend backend() {
        return DeviceBackends.cudaOrSkip();
    }
}
