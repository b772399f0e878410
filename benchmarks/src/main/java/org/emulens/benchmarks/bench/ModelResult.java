package org.emulens.benchmarks.bench;

import java.util.List;

/**
 * What {@link ModelBench} measured for one model.
 *
 * @param model          the model's name
 * @param layers         its widths and activations, "8 -> 64 -> 64 -> 64 -> 1 (tanh)"
 * @param flopsPerMember dense-layer FLOPs per member
 * @param backends       one result per backend asked for, in the order asked
 * @param comparisons    ONNX Runtime's and the plain loop's forward passes; empty without a comparison
 * @param notes          how the engines' outputs agree, and what was not compared
 */
public record ModelResult(String model, String layers, long flopsPerMember, List<BackendResult> backends,
        List<Measurement> comparisons, List<String> notes) {

    /** The comparison run by {@code engine}, or null. */
    public Measurement comparison(String engine) {
        for (Measurement m : comparisons) {
            if (m.engine().equals(engine)) {
                return m;
            }
        }
        return null;
    }
}
