package org.emulens.kernels.tornado;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emulens.engine.backend.Availability;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.BackendUnavailableException;
import org.emulens.engine.backend.Backends;
import org.emulens.kernels.tornado.internal.DevicePlan;
import org.junit.jupiter.api.Test;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.annotations.Parallel;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/** With the SDK: the provider finds the profile-built backend, and a kernel that cannot compile is an error. */
class TornadoBackendTest {

    @Test
    void theProviderFindsTheProfileBuiltBackendAndOpensItByName() {
        SharedTornado.orSkip();
        Availability a = new TornadoBackendProvider().probe();
        assertTrue(a.available(), a.reason());
        assertTrue(a.device().startsWith("TornadoVM "), a.device());
        try (Backend b = Backends.open("tornado", BackendOptions.defaults())) {
            assertEquals("tornado", b.name());
            assertTrue(b instanceof TornadoBackend);
        }
        BackendUnavailableException ex = assertThrows(BackendUnavailableException.class,
                () -> Backends.open("tornado", new BackendOptions(0, 999)));
        assertTrue(ex.getMessage().contains("found 999"), ex.getMessage());
    }

    @Test
    void theFallbackToSequentialJavaAndFusedMultiplyAddsAreOff() {
        SharedTornado.orSkip();
        assertEquals("false", System.getProperty(DevicePlan.RECOVER_BAILOUT).toLowerCase(java.util.Locale.ROOT));
        assertEquals("false", System.getProperty(DevicePlan.ENABLE_FMA).toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Computing with a float's bits is valid Java that TornadoVM's OpenCL backend does not compile (its
     * reinterpretation is unimplemented; a bare load of the bits compiles, being folded into an int load). With the fallback
     * on, TornadoVM would run this task as sequential Java and return the right answer slowly; here it must be a
     * {@link TornadoKernelException} saying so.
     */
    @Test
    void aKernelThatCannotCompileIsAnErrorNotASlowJavaRun() {
        TornadoBackend b = SharedTornado.orSkip();
        FloatArray in = FloatArray.fromArray(new float[] {1f, 2f, -0f, 3.5f});
        IntArray out = new IntArray(4);
        TaskGraph graph = new TaskGraph("emulensBailoutProbe")
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, in)
                .task("bits", TornadoBackendTest::floatBits, in, out)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, out);
        try (DevicePlan plan = new DevicePlan("bailout probe", graph, b.tornadoDevice())) {
            TornadoKernelException ex = assertThrows(TornadoKernelException.class, plan::execute);
            System.out.println("[emulens-kernels-tornado] uncompilable kernel reported as: " + ex.getMessage());
            assertTrue(ex.getMessage().startsWith("bailout probe"), ex.getMessage());
        }
    }

    static void floatBits(FloatArray in, IntArray out) {
        for (@Parallel int i = 0; i < in.getSize(); i++) {
            out.set(i, Float.floatToRawIntBits(in.get(i)) + 1);
        }
    }
}
