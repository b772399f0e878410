package org.emulens.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link InputGradient} against PyTorch autograd (Debian python3-torch on /usr/bin/python3) on the committed
 * GPP emulators: torch rebuilds each network from its ONNX file's numbers and differentiates it in float64.
 */
class InputGradientTorchIT {
    private static final Path PROJECT = Path.of(System.getProperty("user.dir")).getParent();

    private static boolean torchAvailable() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
            return false;
        }
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import torch, onnx, numpy")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void gradientsMatchTorchAutograd() throws Exception {
        assumeTrue(torchAvailable(), "skipped: /usr/bin/python3 lacks torch/onnx/numpy (scripts/setup.sh installs them)");
        String[] models = {"gpp_bt_eo", "gpp_c4_jules", "gpp_gridbox_eo"};
        for (String name : models) {
            Path file = PROJECT.resolve("models/gpp_pft/" + name + ".onnx");
            Emulator e = ModelFiles.read(file);
            float[] x = new float[e.inputCount()];
            StringBuilder row = new StringBuilder();
            for (int k = 0; k < x.length; k++) {
                Variable v = e.inputs().get(k);
                // a point 30 % of the way up each valid range: inside the training domain, away from kinks
                x[k] = (float) (v.validMin() + 0.3 * (v.validMax() - v.validMin()));
                row.append(k == 0 ? "" : ",").append(Float.toString(x[k]));
            }
            String script = "import sys; sys.path.insert(0, '" + PROJECT.resolve("scripts/train") + "')\n"
                    + "import onnx, torch, numpy as np\n"
                    + "from emulens_torch import canonical_from_torch_export\n"
                    + "off, sc, layers, ooff, osc = canonical_from_torch_export(onnx.load('" + file + "'))\n"
                    + "x = torch.tensor([" + row + "], dtype=torch.float32).double().requires_grad_(True)\n"
                    + "v = (x - torch.tensor(off).double()) / torch.tensor(sc).double()\n"
                    + "for l in layers:\n"
                    + "    v = torch.tensor(l.weights).double() @ v + torch.tensor(l.biases).double()\n"
                    + "    v = torch.tanh(v) if l.kind == 'tanh' else v\n"
                    + "y = v[0] * float(osc[0]) + float(ooff[0])\n"
                    + "y.backward()\n"
                    + "print(' '.join(repr(float(g)) for g in x.grad))\n";
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", script).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            String[] torch = out.split(" ");
            double[] g = InputGradient.of(e).at(x, 0);
            assertEquals(g.length, torch.length, out);
            double size = 0;
            for (double v : g) {
                size = Math.max(size, Math.abs(v));
            }
            for (int k = 0; k < g.length; k++) {
                // both in float64 from the same float32 numbers: only summation order differs
                assertEquals(Double.parseDouble(torch[k]), g[k], 1e-10 * size, name + " input " + k);
            }
        }
    }
}
