package org.emulens.benchmarks.bench;

import java.util.Arrays;

/**
 * The rate of one thing over another's, measured in rounds that run both back to back (in alternating order),
 * one ratio per round. When other work comes and goes on the machine, each round sees about the same load on
 * both sides, so the ratios vary far less than ratios of rates measured minutes apart.
 *
 * @param numerator   what is divided, "cpu fused pipeline (moments)"
 * @param denominator what it is divided by, "onnxruntime forward pass"
 * @param ratios      one per round
 */
public record PairedRatio(String numerator, String denominator, double[] ratios) {

    public double median() {
        double[] r = ratios.clone();
        Arrays.sort(r);
        int n = r.length;
        return n % 2 == 1 ? r[n / 2] : (r[n / 2 - 1] + r[n / 2]) / 2;
    }

    public double min() {
        return Arrays.stream(ratios).min().orElse(Double.NaN);
    }

    public double max() {
        return Arrays.stream(ratios).max().orElse(Double.NaN);
    }
}
