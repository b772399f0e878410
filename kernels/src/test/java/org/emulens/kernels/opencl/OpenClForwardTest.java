package org.emulens.kernels.opencl;

import org.emulens.engine.Activation;
import org.emulens.engine.Emulator;
import org.emulens.engine.RandomModels;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.kernels.DeviceBackends;
import org.emulens.kernels.FusedEnsembleBackend;
import org.emulens.kernels.ForwardPassContract;
import org.emulens.kernels.TestStudies;
import org.junit.jupiter.api.Test;

/** The OpenCL forward pass against the CPU reference; runs on PoCL's CPU device in CI. */
class OpenClForwardTest extends ForwardPassContract {

    @Override
    protected FusedEnsembleBackend backend() {
        return DeviceBackends.openClOrSkip();
    }

    @Test
    void weightsInGlobalMemoryGiveTheSameBits() {
        OpenClBackend b = DeviceBackends.openClOrSkip();
        Emulator e = RandomModels.mlp(11, Activation.RELU, 7, 40, 40, 2);
        int rows = 5000;
        float[] x = RandomModels.inputs(12, rows, 7);
        float[] expected = TestStudies.cpuForward(e, TanhMode.FAST, x, rows);
        float[] actual = new float[expected.length];
        try (CompiledEmulator model = b.compile(e, TanhMode.FAST, false)) {
            model.evaluate(x, actual, rows);
        }
        assertBitIdentical(expected, actual, "weights in __global memory");
    }
}
