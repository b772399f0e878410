package org.emulens.ensemble.design;

import org.emulens.ensemble.rng.MemberDraws;
import org.emulens.ensemble.rng.ReservedStreams;

/**
 * Design uniforms from the study's counter-based Philox stream ({@link ReservedStreams#DESIGN}): row
 * {@code r}, dimension {@code d} is built from words {@code 2d} and {@code 2d + 1} of member {@code r},
 * as {@code (k + 1/2) / 2^52} with {@code k} the 32 bits of the first word followed by the top
 * 20 bits of the second (52 bits, so that {@code k + 1/2} is exact and the largest value stays below 1). Exact in double, never 0 or 1, and the same on every machine, thread count
 * and chunking, like every other random number of a study.
 */
public final class PhiloxUniforms implements UnitUniforms {
    private static final int DESIGN_CELL = 0;
    private final long seed;

    private PhiloxUniforms(long seed) {
        this.seed = seed;
    }

    public static PhiloxUniforms seeded(long seed) {
        return new PhiloxUniforms(seed);
    }

    public long seed() {
        return seed;
    }

    @Override
    public double uniform(long row, int dim) {
        long hi = Integer.toUnsignedLong(bits32(row, dim));
        long lo = MemberDraws.uniformBits(seed, ReservedStreams.DESIGN, DESIGN_CELL, row, 2 * dim + 1) >>> 12;
        return ((hi << 20 | lo) + 0.5) * 0x1p-52;
    }

    @Override
    public int bits32(long row, int dim) {
        if (dim < 0 || dim >= MemberDraws.VALUES_PER_STREAM / 2) {
            throw new IllegalArgumentException("dimension: expected 0 <= dim < " + MemberDraws.VALUES_PER_STREAM / 2
                    + ", found " + dim);
        }
        return MemberDraws.uniformBits(seed, ReservedStreams.DESIGN, DESIGN_CELL, row, 2 * dim);
    }
}
