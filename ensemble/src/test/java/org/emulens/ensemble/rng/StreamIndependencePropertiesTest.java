package org.emulens.ensemble.rng;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.emulens.engine.testing.RandomCases;
import org.junit.jupiter.api.Test;

/**
 * Streams of different (cell, member) counters never share a block and look independent, for random
 * seeds and addresses, with neighbours (member ± 1, cell ± 1, across the 2^32 member boundary and the
 * sign bit of the cell) as likely as far-apart pairs.
 */
class StreamIndependencePropertiesTest {
    private static final int N = 2048;

    /** A random address and a neighbour or a far one, differing in cell or member or both. */
    private record Pair(long seed, int stream, int cellA, long memberA, int cellB, long memberB) {
        static Pair random(SplittableRandom r) {
            long seed = r.nextLong();
            int stream = r.nextInt(MemberDraws.STREAMS);
            int cell = switch (r.nextInt(3)) {
                case 0 -> r.nextInt(1 << 20);
                case 1 -> Integer.MAX_VALUE - r.nextInt(2);
                default -> r.nextInt();
            };
            long member = switch (r.nextInt(3)) {
                case 0 -> r.nextInt(1_000_000);
                case 1 -> (1L << 32) - 1 + r.nextInt(2);
                default -> r.nextLong() >>> 1;
            };
            int cellB = cell;
            long memberB = member;
            while (cellB == cell && memberB == member) {
                switch (r.nextInt(4)) {
                    case 0 -> memberB = member + (r.nextBoolean() ? 1 : -1);
                    case 1 -> cellB = cell + (r.nextBoolean() ? 1 : -1);
                    case 2 -> memberB = member ^ (1L << r.nextInt(63));
                    default -> {
                        cellB = r.nextInt();
                        memberB = r.nextLong() >>> 1;
                    }
                }
                memberB = Math.max(0, memberB);
            }
            return new Pair(seed, stream, cell, member, cellB, memberB);
        }
    }

    @Test
    void distinctCountersNeverShareABlock() {
        RandomCases.run(2000, (r, name) -> {
            Pair p = Pair.random(r);
            int index = 4 * r.nextInt(MemberDraws.BLOCKS_PER_STREAM);
            boolean differs = false;
            for (int w = 0; w < 4; w++) {
                differs |= MemberDraws.uniformBits(p.seed, p.stream, p.cellA, p.memberA, index + w)
                        != MemberDraws.uniformBits(p.seed, p.stream, p.cellB, p.memberB, index + w);
            }
            assertTrue(differs, p + " share block " + (index / 4));
        });
    }

    /**
     * Pearson correlation of N uniforms from each of the two streams, and of one stream with the other
     * shifted by one index: independent streams give |r| below 5/sqrt(N) except with probability 6e-7
     * per check (normal approximation), about 2e-4 over this test's 300 cases.
     */
    @Test
    void neighbouringStreamsAreUncorrelated() {
        RandomCases.run(300, (r, name) -> {
            Pair p = Pair.random(r);
            float[] a = new float[N];
            float[] b = new float[N];
            MemberDraws.fillUniforms(p.seed, p.stream, p.cellA, p.memberA, 0, a, 0, N);
            MemberDraws.fillUniforms(p.seed, p.stream, p.cellB, p.memberB, 0, b, 0, N);
            double bound = 5 / Math.sqrt(N);
            double same = correlation(a, b, 0);
            double shifted = correlation(a, b, 1);
            assertTrue(Math.abs(same) < bound, p + ": r = " + same);
            assertTrue(Math.abs(shifted) < bound, p + ": lag-1 r = " + shifted);
        });
    }

    private static double correlation(float[] a, float[] b, int lag) {
        int n = a.length - lag;
        double ma = 0;
        double mb = 0;
        for (int k = 0; k < n; k++) {
            ma += a[k];
            mb += b[k + lag];
        }
        ma /= n;
        mb /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int k = 0; k < n; k++) {
            double da = a[k] - ma;
            double db = b[k + lag] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
