package org.emulens.engine.testing;

import java.util.SplittableRandom;

/**
 * Runs a property over many randomly generated cases. Each case has its own seed, derived from a base
 * seed, and a failure names it, so {@code -Demulens.property.seed=<base>} replays the run that failed.
 * The base is fixed unless that property says otherwise ({@code random} picks a new one), so a build
 * checks the same cases each time and a longer search is one flag away
 * ({@code -Demulens.property.tries=<factor>} multiplies the number of cases).
 */
public final class RandomCases {
    private static final long DEFAULT_BASE = 0x5EED_2026_1125L;

    /** One case: its random source and a name for messages. */
    @FunctionalInterface
    public interface Case {
        void check(SplittableRandom random, String name) throws Exception;
    }

    private RandomCases() {
    }

    public static void run(int tries, Case property) {
        String configured = System.getProperty("emulens.property.seed", "");
        long base = configured.isEmpty() ? DEFAULT_BASE
                : configured.equals("random") ? System.nanoTime() : Long.decode(configured);
        int factor = Integer.getInteger("emulens.property.tries", 1);
        SplittableRandom seeds = new SplittableRandom(base);
        for (int t = 0; t < tries * factor; t++) {
            long seed = seeds.nextLong();
            String name = "case " + t + " (-Demulens.property.seed=" + base + ", case seed " + seed + ")";
            try {
                property.check(new SplittableRandom(seed), name);
            } catch (AssertionError | RuntimeException ex) {
                throw new AssertionError(name + ": " + ex.getMessage(), ex);
            } catch (Exception ex) {
                throw new AssertionError(name + ": " + ex, ex);
            }
        }
    }

    /**
     * A double that is often an edge value (zeros, NaN, infinities, the extremes, tiny magnitudes, ties)
     * and otherwise uniform within ±{@code range}.
     */
    public static double edgy(SplittableRandom r, double range, boolean finiteOnly) {
        double[] edges = finiteOnly ? new double[] {0.0, -0.0, 1e-13, 0.5, 1000.0, Double.NaN}
                : new double[] {0.0, -0.0, 1e-13, -1e-300, 0.5, 1000.0, Double.NaN, Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MIN_VALUE};
        return r.nextInt(5) == 0 ? edges[r.nextInt(edges.length)] : (r.nextDouble() * 2 - 1) * range;
    }
}
