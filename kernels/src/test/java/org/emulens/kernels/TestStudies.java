package org.emulens.kernels;

import org.emulens.engine.Emulator;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.cpu.CpuBackend;
import org.emulens.ensemble.propagation.EnsemblePropagator;
import org.emulens.ensemble.propagation.MemberInputs;
import org.emulens.ensemble.rng.MemberDraws;
import org.emulens.ensemble.rng.ReservedStreams;
import org.emulens.ensemble.stats.CellStatistics;
import org.emulens.ensemble.stats.StatisticsSpec;

/** Studies for the fused-pass tests and their CPU reference results, computed without the kernels' code. */
public final class TestStudies {
    private TestStudies() {
    }

    /** Cells with varied ids (large ones included), nominal inputs around 0 and sds from 0.05 to 1.5. */
    public static CellPerturbation gaussianCells(int cells, int inputs, long seed) {
        java.util.Random r = new java.util.Random(seed);
        int[] ids = new int[cells];
        float[][] nominal = new float[cells][inputs];
        float[][] sd = new float[cells][inputs];
        for (int c = 0; c < cells; c++) {
            ids[c] = c == 0 ? 0 : c == 1 ? 0xFFFF_FFFE : r.nextInt(Integer.MAX_VALUE);
            for (int i = 0; i < inputs; i++) {
                nominal[c][i] = (float) r.nextGaussian();
                sd[c][i] = 0.05f + 1.45f * r.nextFloat();
            }
        }
        return CellPerturbation.gaussian(ids, nominal, sd);
    }

    /** Input i of member m of cell slot c, straight from the definition in {@link CellPerturbation}. */
    public static float perturbedInput(CellPerturbation cells, long seed, int slot, long member, int input) {
        float z = MemberDraws.normal(seed, ReservedStreams.INPUT_PERTURBATION, cells.cellId(slot), member, input);
        float shift = cells.sd(slot, input) * z;
        return cells.nominal(slot, input) + shift;
    }

    /** The members' inputs for the CPU propagator, which knows cells by id. */
    public static MemberInputs memberInputs(CellPerturbation cells, long seed) {
        return (cellId, first, count, rows, offset) -> {
            int slot = slotOf(cells, cellId);
            int d = cells.inputs();
            for (int m = 0; m < count; m++) {
                for (int i = 0; i < d; i++) {
                    rows[(offset + m) * d + i] = perturbedInput(cells, seed, slot, first + m, i);
                }
            }
        };
    }

    private static int slotOf(CellPerturbation cells, int cellId) {
        for (int s = 0; s < cells.cells(); s++) {
            if (cells.cellId(s) == cellId) {
                return s;
            }
        }
        throw new IllegalArgumentException("no cell with id " + cellId);
    }

    /** The CPU reference: {@link EnsemblePropagator} on {@link CpuBackend}, cell by cell, {@code [slot][output]}. */
    public static CellStatistics[][] cpuStatistics(Emulator e, TanhMode tanh, StatisticsSpec spec,
            CellPerturbation cells, long seed, long firstMember, long members) {
        CellStatistics[][] out = new CellStatistics[cells.cells()][];
        try (CpuBackend cpu = new CpuBackend(2); CompiledEmulator model = cpu.compile(e, tanh);
                EnsemblePropagator p = new EnsemblePropagator(model, spec, 1 << 15, 2)) {
            MemberInputs inputs = memberInputs(cells, seed);
            for (int s = 0; s < cells.cells(); s++) {
                out[s] = p.runMembers(cells.cellId(s), firstMember, members, inputs, null);
            }
        }
        return out;
    }

    /** CPU outputs of {@code rows} input rows. */
    public static float[] cpuForward(Emulator e, TanhMode tanh, float[] x, int rows) {
        float[] y = new float[rows * e.outputCount()];
        try (CpuBackend cpu = new CpuBackend(2); CompiledEmulator model = cpu.compile(e, tanh)) {
            model.evaluate(x, y, rows);
        }
        return y;
    }
}
