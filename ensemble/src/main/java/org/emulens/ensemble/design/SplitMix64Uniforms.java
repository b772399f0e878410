package org.emulens.ensemble.design;

/**
 * {@link UnitUniforms} from SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
 * OOPSLA 2014), the generator behind {@link java.util.SplittableRandom}.
 *
 * <p>Designs of a study use {@link PhiloxUniforms}, the study's own stream; this generator serves analysis-side
 * randomness that no backend reproduces (bootstrap resampling) and the derivation of independent seeds
 * ({@link #mix64}). Its output is defined, so that it can be checked against the JDK, as the {@code (dim + 1)}-th {@code nextLong()} of a {@code SplittableRandom}
 * seeded with the {@code (row + 1)}-th {@code nextLong()} of a {@code SplittableRandom} seeded with {@code seed}:
 * <pre>
 *   rowKey = mix64(seed + (row + 1) * GAMMA)
 *   bits   = mix64(rowKey + (dim + 1) * GAMMA)
 *   u      = ((bits >>> 12) + 0.5) * 2^-52
 * </pre>
 * Keeping 52 bits and adding half a step puts {@code u} on a grid strictly inside (0, 1); with 53 bits the top
 * value would round to 1.0.
 */
public final class SplitMix64Uniforms implements UnitUniforms {
    /** The golden-ratio increment of SplitMix64 (and of {@code SplittableRandom}'s default stream). */
    static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private final long seed;

    private SplitMix64Uniforms(long seed) {
        this.seed = seed;
    }

    public static SplitMix64Uniforms seeded(long seed) {
        return new SplitMix64Uniforms(seed);
    }

    public long seed() {
        return seed;
    }

    @Override
    public double uniform(long row, int dim) {
        if (row < 0 || dim < 0) {
            throw new IllegalArgumentException("row and dim must be >= 0, found row " + row + ", dim " + dim);
        }
        long rowKey = mix64(seed + (row + 1) * GOLDEN_GAMMA);
        long bits = mix64(rowKey + (dim + 1L) * GOLDEN_GAMMA);
        return ((bits >>> 12) + 0.5) * 0x1p-52;
    }

    /**
     * SplitMix64's output function (Stafford's "variant 13" of the MurmurHash3 finaliser): a bijection on 64-bit
     * values that mixes every input bit into every output bit. Also used to derive independent seeds.
     */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return "SplitMix64Uniforms[seed=" + seed + "]";
    }
}
