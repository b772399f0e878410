package org.emulens.ensemble.design;

/**
 * A source of uniform numbers addressed by position rather than drawn in sequence: {@code uniform(row, dim)} is a
 * pure function of its arguments (and of the source's seed). Being addressable is what lets a design be cut into
 * chunks, threads or devices and still be the same design; it is also the shape of a counter-based generator
 * such as Philox, which is meant to drive these designs.
 */
@FunctionalInterface
public interface UnitUniforms {

    /**
     * A number strictly inside (0, 1), uniformly distributed with at least 32 bits of resolution, the same every
     * time for the same arguments. Distinct arguments give (for practical purposes) independent numbers.
     *
     * @param row a non-negative row, member or trajectory index
     * @param dim a non-negative index within that row
     */
    double uniform(long row, int dim);

    /**
     * The top 32 bits of {@code uniform(row, dim)} as an int, for designs that need random bits (Sobol'
     * scrambling). Exact when the source's resolution is 2^-32 or finer, as this interface requires.
     */
    default int bits32(long row, int dim) {
        return (int) (long) (uniform(row, dim) * 0x1p32);
    }
}
