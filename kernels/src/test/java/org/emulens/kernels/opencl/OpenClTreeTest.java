package org.emulens.kernels.opencl;

import org.emulens.kernels.DeviceBackends;
import org.emulens.kernels.FusedEnsembleBackend;
import org.emulens.kernels.TreeFamilyContract;

/** Tree ensembles on OpenCL; runs on PoCL's CPU device in CI. */
class OpenClTreeTest extends TreeFamilyContract {

    @Override
    protected FusedEnsembleBackend backend() {
        return DeviceBackends.openClOrSkip();
    }
}
