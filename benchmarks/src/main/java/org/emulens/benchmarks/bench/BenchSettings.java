package org.emulens.benchmarks.bench;

import org.emulens.engine.backend.TanhMode;

/**
 * What {@code emulens bench} runs.
 *
 * @param members      member evaluations per repeat of each measurement
 * @param cells        cells the fused pipeline spreads them over ({@code members / cells} each)
 * @param batch        members per launch of a forward pass, and per chunk of the CPU pipeline
 * @param repeats      timed repeats of each measurement, after a warm-up
 * @param tanh         how tanh is evaluated by the backends and the plain loop (ONNX Runtime has its own)
 * @param threads      CPU threads for the CPU backend, the CPU pipeline, the plain loop and ONNX Runtime
 * @param compare      also run ONNX Runtime and the plain loop on the same inputs
 * @param measurePeak  also measure the CPU's practical peak with a matrix multiply
 */
public record BenchSettings(long members, int cells, int batch, int repeats, TanhMode tanh, int threads,
        boolean compare, boolean measurePeak) {

    public BenchSettings {
        if (members < 1 || members > Integer.MAX_VALUE / 64) {
            throw new IllegalArgumentException("members: expected 1 to " + Integer.MAX_VALUE / 64 + ", found " + members);
        }
        if (cells < 1 || cells > members) {
            throw new IllegalArgumentException("cells: expected 1 to the member count (" + members + "), found " + cells);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch: expected a positive count, found " + batch);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats: expected a positive count, found " + repeats);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads: expected a positive count, found " + threads);
        }
    }

    /** Members of each cell in the fused pipeline. */
    public long membersPerCell() {
        return members / cells;
    }
}
