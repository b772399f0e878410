package org.emulens.benchmarks.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A float32 matrix product {@code C = A·B} written with the Vector API and fused multiply-adds, blocked for
 * the caches: the practical peak of this CPU from Java, against which the forward pass is judged. It is the
 * same kind of work as a dense layer (a multiply and an add per weight) with nothing else in the way, so a
 * forward pass can approach it but should not exceed it.
 *
 * <p>Micro-kernel: 8 rows of {@code A} times 2 vectors of a packed panel of {@code B}, 16 accumulators held
 * in registers across a {@value #KC}-deep slice of the inner dimension. Only loaded when the
 * {@code jdk.incubator.vector} module is present; {@link PeakRate} checks first.
 */
final class VectorSgemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int NR = 2 * L;
    private static final int MR = 8;
    /** Depth of one slice: a {@code KC × NR} panel of B stays in L1 while a block of A's rows passes. */
    private static final int KC = 256;

    private final int n;
    private final float[] a;
    private final float[] packedB;
    private final float[] c;

    /** Square {@code n × n} operands filled with fixed pseudo-random values; {@code n} a multiple of 64. */
    VectorSgemm(int n) {
        if (n % 64 != 0 || n % NR != 0) {
            throw new IllegalArgumentException("n: expected a multiple of 64 and of " + NR + ", found " + n);
        }
        this.n = n;
        SplittableRandom r = new SplittableRandom(7);
        a = new float[n * n];
        float[] b = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (r.nextDouble() - 0.5);
            b[i] = (float) (r.nextDouble() - 0.5);
        }
        // Panels of NR columns, row after row, so that the kernel reads B with unit stride.
        packedB = new float[n * n];
        int p = 0;
        for (int col = 0; col < n; col += NR) {
            for (int k = 0; k < n; k++) {
                System.arraycopy(b, k * n + col, packedB, p, NR);
                p += NR;
            }
        }
        c = new float[n * n];
    }

    static int lanes() {
        return L;
    }

    long flops() {
        return 2L * n * n * n;
    }

    /** One product on {@code threads} threads (rows of C split between them); returns the seconds taken. */
    double run(ExecutorService pool, int threads) throws Exception {
        java.util.Arrays.fill(c, 0f);
        long t0 = System.nanoTime();
        if (threads == 1) {
            rows(0, n);
        } else {
            int blocks = n / MR;
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int from = blocks * t / threads * MR;
                int to = blocks * (t + 1) / threads * MR;
                parts.add(pool.submit(() -> rows(from, to)));
            }
            for (Future<?> f : parts) {
                f.get();
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** A checksum, so that the work cannot be optimised away and a wrong kernel shows. */
    double checksum() {
        double s = 0;
        for (float v : c) {
            s += v;
        }
        return s;
    }

    private void rows(int from, int to) {
        for (int k0 = 0; k0 < n; k0 += KC) {
            int kc = Math.min(KC, n - k0);
            for (int col = 0; col < n; col += NR) {
                int panel = col / NR * n * NR + k0 * NR;
                for (int i = from; i < to; i += MR) {
                    kernel(i, col, k0, kc, panel);
                }
            }
        }
    }

    private void kernel(int i, int col, int k0, int kc, int panel) {
        int r0 = i * n + k0;
        int r1 = r0 + n;
        int r2 = r1 + n;
        int r3 = r2 + n;
        int r4 = r3 + n;
        int r5 = r4 + n;
        int r6 = r5 + n;
        int r7 = r6 + n;
        int c0 = i * n + col;
        FloatVector a00 = FloatVector.fromArray(S, c, c0);
        FloatVector a01 = FloatVector.fromArray(S, c, c0 + L);
        FloatVector a10 = FloatVector.fromArray(S, c, c0 + n);
        FloatVector a11 = FloatVector.fromArray(S, c, c0 + n + L);
        FloatVector a20 = FloatVector.fromArray(S, c, c0 + 2 * n);
        FloatVector a21 = FloatVector.fromArray(S, c, c0 + 2 * n + L);
        FloatVector a30 = FloatVector.fromArray(S, c, c0 + 3 * n);
        FloatVector a31 = FloatVector.fromArray(S, c, c0 + 3 * n + L);
        FloatVector a40 = FloatVector.fromArray(S, c, c0 + 4 * n);
        FloatVector a41 = FloatVector.fromArray(S, c, c0 + 4 * n + L);
        FloatVector a50 = FloatVector.fromArray(S, c, c0 + 5 * n);
        FloatVector a51 = FloatVector.fromArray(S, c, c0 + 5 * n + L);
        FloatVector a60 = FloatVector.fromArray(S, c, c0 + 6 * n);
        FloatVector a61 = FloatVector.fromArray(S, c, c0 + 6 * n + L);
        FloatVector a70 = FloatVector.fromArray(S, c, c0 + 7 * n);
        FloatVector a71 = FloatVector.fromArray(S, c, c0 + 7 * n + L);
        int p = panel;
        for (int k = 0; k < kc; k++, p += NR) {
            FloatVector b0 = FloatVector.fromArray(S, packedB, p);
            FloatVector b1 = FloatVector.fromArray(S, packedB, p + L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[r0 + k]);
            a00 = x.fma(b0, a00);
            a01 = x.fma(b1, a01);
            x = FloatVector.broadcast(S, a[r1 + k]);
            a10 = x.fma(b0, a10);
            a11 = x.fma(b1, a11);
            x = FloatVector.broadcast(S, a[r2 + k]);
            a20 = x.fma(b0, a20);
            a21 = x.fma(b1, a21);
            x = FloatVector.broadcast(S, a[r3 + k]);
            a30 = x.fma(b0, a30);
            a31 = x.fma(b1, a31);
            x = FloatVector.broadcast(S, a[r4 + k]);
            a40 = x.fma(b0, a40);
            a41 = x.fma(b1, a41);
            x = FloatVector.broadcast(S, a[r5 + k]);
            a50 = x.fma(b0, a50);
            a51 = x.fma(b1, a51);
            x = FloatVector.broadcast(S, a[r6 + k]);
            a60 = x.fma(b0, a60);
            a61 = x.fma(b1, a61);
            x = FloatVector.broadcast(S, a[r7 + k]);
            a70 = x.fma(b0, a70);
            a71 = x.fma(b1, a71);
        }
        a00.intoArray(c, c0);
        a01.intoArray(c, c0 + L);
        a10.intoArray(c, c0 + n);
        a11.intoArray(c, c0 + n + L);
        a20.intoArray(c, c0 + 2 * n);
        a21.intoArray(c, c0 + 2 * n + L);
        a30.intoArray(c, c0 + 3 * n);
        a31.intoArray(c, c0 + 3 * n + L);
        a40.intoArray(c, c0 + 4 * n);
        a41.intoArray(c, c0 + 4 * n + L);
        a50.intoArray(c, c0 + 5 * n);
        a51.intoArray(c, c0 + 5 * n + L);
        a60.intoArray(c, c0 + 6 * n);
        a61.intoArray(c, c0 + 6 * n + L);
        a70.intoArray(c, c0 + 7 * n);
        a71.intoArray(c, c0 + 7 * n + L);
    }

    /** Best of {@code repeats} products, in GFLOP/s. */
    static double bestGflops(int n, int threads, int repeats) throws Exception {
        VectorSgemm g = new VectorSgemm(n);
        ExecutorService pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "emulens-sgemm");
            t.setDaemon(true);
            return t;
        });
        try {
            double best = Double.MAX_VALUE;
            for (int r = 0; r < repeats; r++) {
                best = Math.min(best, g.run(pool, threads));
            }
            if (!Double.isFinite(g.checksum())) {
                throw new IllegalStateException("matrix product gave a non-finite checksum");
            }
            return g.flops() / best / 1e9;
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }
}
