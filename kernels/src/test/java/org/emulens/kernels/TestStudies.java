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

    /**
     * Cells whose inputs cycle through the shapes: a truncated Gaussian with bounds narrow against the sds (so
     * that members reach the fallback), a Gaussian, a wide truncated Gaussian and an unperturbed input. One
     * nominal lies outside its bounds (clamped), one is NaN (kept) and one sd is 0.
     */
    public static CellPerturbation mixedCells(int cells, int inputs, long seed) {
        CellPerturbation g = gaussianCells(cells, inputs, seed);
        CellPerturbation.Shape[] shapes = new CellPerturbation.Shape[inputs];
        float[][] nominal = new float[cells][inputs];
        float[][] sd = new float[cells][inputs];
        int[] ids = g.cellIds();
        for (int i = 0; i < inputs; i++) {
            switch (i % 4) {
                case 0:
                    shapes[i] = CellPerturbation.Shape.truncatedGaussian(-0.1f, 0.2f);
                    break;
                case 1:
                    shapes[i] = CellPerturbation.Shape.gaussian();
                    break;
                case 2:
                    shapes[i] = CellPerturbation.Shape.truncatedGaussian(-2f, 1.5f);
                    break;
                default:
                    shapes[i] = CellPerturbation.Shape.none();
            }
            for (int c = 0; c < cells; c++) {
                nominal[c][i] = g.nominal(c, i);
                sd[c][i] = g.sd(c, i);
            }
        }
        nominal[0][0] = 0.9f;
        nominal[cells - 1][1] = Float.NaN;
        sd[cells - 1][2] = 0f;
        return CellPerturbation.of(ids, shapes, nominal, sd);
    }

    /**
     * Input i of member m of cell slot c, written from MemberPerturber's documented algorithm for a random
     * error component (branch ensemble-uncertainty) with the draws of MemberDraws; sharing no code with the
     * kernels' host side.
     */
    public static float perturbedInput(CellPerturbation cells, long seed, int slot, long member, int input) {
        CellPerturbation.Shape shape = cells.shape(input);
        float nominal = cells.nominal(slot, input);
        if (shape.kind() == CellPerturbation.Kind.NONE || nominal != nominal) {
            return nominal;
        }
        float sd = cells.sd(slot, input);
        float variance = sd * sd;
        variance = variance + 0f * 0f;
        variance = variance + 0f * 0f;
        float sigma = (float) Math.sqrt(variance);
        if (shape.kind() == CellPerturbation.Kind.GAUSSIAN) {
            return sigma == 0f ? nominal : nominal + error(cells, seed, slot, member, input, 0);
        }
        float lower = shape.lower();
        float upper = shape.upper();
        float x = nominal < lower ? lower : nominal > upper ? upper : nominal;
        if (sigma == 0f) {
            return x;
        }
        for (int attempt = 0; attempt < 32; attempt++) {
            float y = x + error(cells, seed, slot, member, input, attempt);
            if (y >= lower && y <= upper) {
                return y;
            }
        }
        FALLBACKS.incrementAndGet();
        float w = error(cells, seed, slot, member, input, 32) / sigma;
        float u = org.emulens.ensemble.uncertainty.PortableNormalCdf.cdf(w);
        float width = upper - lower;
        float offset = width * u;
        float y = lower + offset;
        return y > upper ? upper : y;
    }

    /** How often {@link #perturbedInput} took the truncated Gaussian's fallback, so tests can see it is covered. */
    public static final java.util.concurrent.atomic.AtomicLong FALLBACKS = new java.util.concurrent.atomic.AtomicLong();

    /** AttemptErrorDraws.error for a random component only and an uncorrelated input (Cholesky row (i, 1)). */
    private static float error(CellPerturbation cells, long seed, int slot, long member, int input, int attempt) {
        float sd = cells.sd(slot, input);
        float e = 0f;
        if (sd > 0f) {
            float z = MemberDraws.normal(seed, ReservedStreams.INPUT_PERTURBATION, cells.cellId(slot), member,
                    input + attempt * cells.inputs());
            float sum = 0f;
            float weighted = 1f * z;
            sum = sum + weighted;
            float term = sd * sum;
            e = e + term;
        }
        return e;
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
