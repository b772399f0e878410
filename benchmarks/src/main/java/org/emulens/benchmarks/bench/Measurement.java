package org.emulens.benchmarks.bench;

import java.util.Arrays;

/**
 * One timed thing, repeated: the same work run {@code seconds.length} times after a warm-up, so that the
 * spread between repeats shows how much the figure can be trusted on a shared machine.
 *
 * @param what            "forward pass", "fused pipeline (moments)", ...
 * @param engine          who ran it: a backend's name, {@code onnxruntime}, {@code plain-loop}
 * @param device          the device in words
 * @param members         member evaluations per repeat
 * @param seconds         wall time of each repeat
 * @param latency         per-launch latencies over all repeats; null when not recorded
 * @param flopsPerMember  the model's dense-layer FLOPs per member
 * @param bytesPerMember  bytes read and written per member through the arrays that hold members' inputs and
 *                        outputs (see docs/PERFORMANCE.md for what each line counts)
 * @param note            what else to know about this line; may be empty
 */
public record Measurement(String what, String engine, String device, long members, double[] seconds,
        LaunchLatency latency, long flopsPerMember, long bytesPerMember, String note) {

    /** Members per second of the median repeat. */
    public double medianRate() {
        double[] s = seconds.clone();
        Arrays.sort(s);
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        return members / median;
    }

    /** Members per second of the slowest repeat. */
    public double minRate() {
        return members / Arrays.stream(seconds).max().orElse(Double.NaN);
    }

    /** Members per second of the fastest repeat. */
    public double maxRate() {
        return members / Arrays.stream(seconds).min().orElse(Double.NaN);
    }

    /** Dense-layer GFLOP/s at the median rate. */
    public double gflops() {
        return medianRate() * flopsPerMember / 1e9;
    }

    /** Bytes moved per repeat. */
    public long bytesMoved() {
        return members * bytesPerMember;
    }
}
