package org.emulens.engine.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import org.emulens.engine.Emulator;
import org.emulens.engine.ModelFiles;
import org.emulens.engine.TestFiles;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.cpu.CpuBackend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The demo emulators in models/ against PyTorch's own outputs and a hash computed in Python. */
class DemoModelsTest {

    @ParameterizedTest
    @ValueSource(strings = {"beta", "gpp_lue", "soil_moisture_step", "gpp_pft/gpp_bt_jules", "gpp_pft/gpp_nt_jules",
        "gpp_pft/gpp_c3_jules", "gpp_pft/gpp_c4_jules", "gpp_pft/gpp_sh_jules", "gpp_pft/gpp_gridbox_jules",
        "gpp_pft/gpp_bt_eo", "gpp_pft/gpp_nt_eo", "gpp_pft/gpp_c3_eo", "gpp_pft/gpp_c4_eo", "gpp_pft/gpp_sh_eo",
        "gpp_pft/gpp_gridbox_eo"})
    void reproducesPyTorchGoldenOutputs(String name) {
        Emulator e = ModelFiles.read(TestFiles.model(name + ".onnx"));
        TestFiles.Csv golden = TestFiles.readCsv(TestFiles.model(name + ".golden.csv"));
        int n = golden.rows().length;
        float[] x = golden.floats(TestFiles.names(e.inputs()));
        float[] y = new float[n * e.outputCount()];
        try (CpuBackend b = new CpuBackend(2); CompiledEmulator c = b.compile(e, TanhMode.EXACT)) {
            c.evaluate(x, y, n);
        }
        for (int j = 0; j < e.outputCount(); j++) {
            double[] want = golden.column(e.outputs().get(j).name());
            // The output is z * scale + offset in float32. Where it is near zero it is the small difference of
            // terms of size |offset| + |scale|, known only to float rounding of those: relative error is
            // measured against that size there (for beta about 1.1, so the bound is still 1e-5 absolute).
            double size = Math.abs(e.outputDenormalisation().offset(j)) + Math.abs(e.outputDenormalisation().scale(j));
            double worst = 0;
            for (int i = 0; i < n; i++) {
                double err = Math.abs(y[i * e.outputCount() + j] - want[i]) / Math.max(Math.abs(want[i]), size);
                worst = Math.max(worst, err);
            }
            assertTrue(worst <= 1e-5, name + ": worst relative error " + worst);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"beta", "gpp_lue", "soil_moisture_step", "gpp_pft/gpp_bt_jules", "gpp_pft/gpp_nt_jules",
        "gpp_pft/gpp_c3_jules", "gpp_pft/gpp_c4_jules", "gpp_pft/gpp_sh_jules", "gpp_pft/gpp_gridbox_jules",
        "gpp_pft/gpp_bt_eo", "gpp_pft/gpp_nt_eo", "gpp_pft/gpp_c3_eo", "gpp_pft/gpp_c4_eo", "gpp_pft/gpp_sh_eo",
        "gpp_pft/gpp_gridbox_eo"})
    void hashMatchesTheOneComputedFromThePyTorchTensors(String name) throws IOException {
        Emulator e = ModelFiles.read(TestFiles.model(name + ".onnx"));
        String expected = Files.readString(TestFiles.model(name + ".sha256")).trim();
        assertEquals(expected, e.hash());
    }

    @ParameterizedTest
    @ValueSource(strings = {"beta", "gpp_lue", "soil_moisture_step"})
    void sidecarGivesNamesUnitsAndRanges(String name) {
        Emulator e = ModelFiles.read(TestFiles.model(name + ".onnx"));
        assertTrue(e.inputs().stream().allMatch(v -> v.hasRange() && !v.units().isEmpty()), e.inputs().toString());
        assertEquals("theta", e.inputs().get(e.inputIndex("theta")).name());
    }
}
