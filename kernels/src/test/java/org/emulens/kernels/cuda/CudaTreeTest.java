package org.emulens.kernels.cuda;

import org.emulens.kernels.DeviceBackends;
import org.emulens.kernels.FusedEnsembleBackend;
import org.emulens.kernels.TreeFamilyContract;
import org.junit.jupiter.api.Tag;

/** Tree ensembles on CUDA; skipped, saying why, where there is no NVIDIA GPU. */
@Tag("gpu")
class CudaTreeTest extends TreeFamilyContract {

    @Override
    protected FusedEnsembleBackend backend() {
        return DeviceBackends.cudaOrSkip();
    }
}
