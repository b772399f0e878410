package org.emulens.kernels;

import java.util.SplittableRandom;
import org.emulens.engine.Activation;
import org.emulens.engine.Emulator;
import org.emulens.engine.RandomModels;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.testing.RandomCases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A device backend and the CPU reference agree on random models (depth, widths, activation, tanh mode)
 * under random uncertainty specs (per input: Gaussian, truncated Gaussian with random bounds, or none;
 * random nominals, sds including 0, cell ids anywhere in 32 bits, members across 2^32): the perturbed
 * inputs bit for bit with MemberDraws' documented algorithm, and the members' outputs bit for bit where
 * the arithmetic is exact, else within {@link ForwardPassContract#RELATIVE_TOLERANCE}.
 */
public class BackendAgreementPropertiesTest {
    private static final Activation[] ACTIVATIONS = {Activation.IDENTITY, Activation.TANH, Activation.RELU,
        Activation.SIGMOID, Activation.SOFTPLUS, Activation.elu(0.7f)};

    @Test
    void openClAgreesWithTheCpuOnRandomModelsAndUncertainties() {
        agree(DeviceBackends.openClOrSkip(), 60);
    }

    @Test
    @Tag("gpu")
    void cudaAgreesWithTheCpuOnRandomModelsAndUncertainties() {
        agree(DeviceBackends.cudaOrSkip(), 100);
    }

    /** The property for any device backend, on {@code tries} random cases (the TornadoVM backend's test uses it). */
    public static void agree(FusedEnsembleBackend b, int tries) {
        RandomCases.run(tries, (r, name) -> {
            int depth = 1 + r.nextInt(4);
            int[] widths = new int[depth + 1];
            for (int l = 0; l <= depth; l++) {
                widths[l] = 1 + r.nextInt(l == 0 ? 12 : l == depth ? 4 : 40);
            }
            Activation hidden = ACTIVATIONS[r.nextInt(ACTIVATIONS.length)];
            TanhMode tanh = r.nextBoolean() ? TanhMode.EXACT : TanhMode.FAST;
            Emulator e = RandomModels.mlp(r.nextLong(), hidden, widths);
            CellPerturbation cells = randomCells(r, 1 + r.nextInt(3), widths[0]);
            long seed = r.nextLong();
            long first = r.nextBoolean() ? r.nextInt(1000) : (1L << 32) - 1 - r.nextInt(300);
            int members = 1 + r.nextInt(600);
            int d = widths[0];
            try (CompiledEmulator model = b.compile(e, tanh);
                    FusedEnsembleRun run = b.fusedRun(model, FusedRunOptions.of(FusedPassContract.fullSpec()))) {
                MemberDump dump = run.members(seed, cells, first, members);
                float[] x = new float[cells.cells() * members * d];
                for (int c = 0; c < cells.cells(); c++) {
                    for (int m = 0; m < members; m++) {
                        for (int i = 0; i < d; i++) {
                            x[(c * members + m) * d + i] = TestStudies.perturbedInput(cells, seed, c, first + m, i);
                        }
                    }
                }
                String what = name + " " + hidden + " " + tanh + " " + java.util.Arrays.toString(widths);
                ForwardPassContract.assertBitIdentical(x, dump.inputs(), what + ": perturbed inputs");
                float[] y = TestStudies.cpuForward(e, tanh, x, cells.cells() * members);
                if (ForwardPassContract.exactArithmetic(hidden, tanh)) {
                    ForwardPassContract.assertBitIdentical(y, dump.outputs(), what + ": outputs");
                } else {
                    ForwardPassContract.assertClose(y, dump.outputs(), e.outputCount(),
                            ForwardPassContract.RELATIVE_TOLERANCE, what + ": outputs");
                }
            }
        });
    }

    private static CellPerturbation randomCells(SplittableRandom r, int n, int inputs) {
        int[] ids = new int[n];
        float[][] nominal = new float[n][inputs];
        float[][] sd = new float[n][inputs];
        CellPerturbation.Shape[] shapes = new CellPerturbation.Shape[inputs];
        for (int i = 0; i < inputs; i++) {
            float lo = (float) (r.nextDouble() * 4 - 3);
            shapes[i] = switch (r.nextInt(3)) {
                case 0 -> CellPerturbation.Shape.gaussian();
                case 1 -> CellPerturbation.Shape.truncatedGaussian(lo, lo + 0.01f + (float) r.nextDouble() * 3);
                default -> CellPerturbation.Shape.none();
            };
        }
        for (int c = 0; c < n; c++) {
            ids[c] = r.nextInt();
            for (int i = 0; i < inputs; i++) {
                nominal[c][i] = (float) (r.nextDouble() * 4 - 2);
                sd[c][i] = r.nextInt(8) == 0 ? 0f : (float) (r.nextDouble() * 1.5);
            }
        }
        return CellPerturbation.of(ids, shapes, nominal, sd);
    }
}
