package org.emulens.kernels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.emulens.engine.Activation;
import org.emulens.kernels.CellPerturbation;
import org.junit.jupiter.api.Test;

/** The host's copies of the kernel's layout constants agree with the C source, which has the final word. */
class KernelSourceTest {
    private static final String SOURCE = KernelSource.read(KernelSource.SOURCE);

    private static int define(String name) {
        Matcher m = Pattern.compile("#define " + name + " (\\d+)").matcher(SOURCE);
        assertTrue(m.find(), "emulens_fused.c defines " + name);
        return Integer.parseInt(m.group(1));
    }

    @Test
    void limitsAndLayoutsAgree() {
        assertEquals(KernelSource.MAX_WIDTH, define("EMU_MAX_WIDTH"));
        assertEquals(KernelSource.MAX_STAT_OUTPUTS, define("EMU_MAX_STAT_OUTPUTS"));
        assertEquals(KernelSource.PARTIAL_FLOATS, define("EMU_PARTIAL_FLOATS"));
        assertEquals(KernelSource.PARTIAL_FIXED_COUNTERS, define("EMU_PARTIAL_COUNTERS"));
        assertEquals(8, define("EMU_DESC_HEADER"));
        assertEquals(6, define("EMU_LAYER_FIELDS"));
        for (Activation.Kind k : Activation.Kind.values()) {
            Activation a = k == Activation.Kind.ELU ? Activation.elu(1f) : new Activation(k, 0f);
            assertEquals(define("EMU_ACT_" + k.name()), PackedModel.activationCode(a), k.name());
        }
        for (CellPerturbation.Kind k : CellPerturbation.Kind.values()) {
            assertEquals(define("EMU_PERTURB_" + k.name()), k.code(), k.name());
        }
    }

    @Test
    void theOpenClProgramInlinesTheHeaderAndKeepsContractionOff() {
        String program = KernelSource.openClProgram();
        assertFalse(program.contains("#include"), "no include left for the OpenCL compiler to resolve");
        assertTrue(program.contains("#pragma OPENCL FP_CONTRACT OFF"));
        assertTrue(KernelSource.OPENCL_OPTIONS.contains("-cl-fp32-correctly-rounded-divide-sqrt"));
        assertFalse(KernelSource.OPENCL_OPTIONS.contains("fast"), "no relaxed maths");
    }
}
