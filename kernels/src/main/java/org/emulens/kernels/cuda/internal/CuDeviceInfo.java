package org.emulens.kernels.cuda.internal;

/**
 * What the backend needs to know about one CUDA device, read once.
 *
 * @param clockKhz       SM clock; 0 where the driver does not report it
 * @param sharedPerBlock shared memory a block may use without opting in
 */
public record CuDeviceInfo(int ordinal, String name, int major, int minor, int multiprocessors, int clockKhz,
        long totalMemory, int maxThreadsPerBlock, int sharedPerBlock, int constantMemory) {

    /** "NVIDIA H100 80GB HBM3 (compute capability 9.0, 132 SMs)". */
    public String describe() {
        return name + " (compute capability " + major + "." + minor + ", " + multiprocessors + " SMs)";
    }

    /**
     * Peak float32 throughput in GFLOP/s counting a multiply and an add as two operations, from 128 FP32 lanes
     * per SM (Ampere GA10x, Ada, Hopper; GA100 has 64) at the SM clock: an upper bound for the fraction of
     * peak that benchmarks report. NaN when the driver does not report the clock.
     */
    public double peakFp32Gflops() {
        if (clockKhz <= 0) {
            return Double.NaN;
        }
        int lanes = major == 8 && minor == 0 ? 64 : 128;
        return 2.0 * lanes * multiprocessors * clockKhz / 1e6;
    }
}
