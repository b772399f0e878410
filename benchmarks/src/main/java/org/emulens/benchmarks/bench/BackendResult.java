package org.emulens.benchmarks.bench;

import java.util.List;

/**
 * What one backend gave for one model.
 *
 * @param backend           the backend's name
 * @param device            the device in words; empty when it did not run
 * @param peak              the device's peak rate, assumed and measured, as far as known
 * @param measurements      forward pass first, then the fused pipelines
 * @param paired            ratios to ONNX Runtime's forward pass from rounds run back to back; empty when not compared
 * @param skipped           why the backend did not run; empty when it ran
 * @param firstBatchOutputs outputs of the first launch, to compare engines; null when it did not run
 */
public record BackendResult(String backend, String device, PeakRate peak, List<Measurement> measurements,
        List<PairedRatio> paired, String skipped, float[] firstBatchOutputs) {

    public boolean ran() {
        return skipped.isEmpty();
    }

    /** The measurement named {@code what}, or null. */
    public Measurement find(String what) {
        for (Measurement m : measurements) {
            if (m.what().equals(what)) {
                return m;
            }
        }
        return null;
    }
}
