package org.emulens.ensemble.design;

import java.util.Objects;

/**
 * Independent uniform points: coordinate {@code j} of point {@code i} is {@code source.uniform(i, j)}. Every
 * coordinate is strictly inside (0, 1), so any marginal maps it to a finite value. Because the source is
 * addressable, point {@code i} is the same whichever chunk it is generated in.
 */
public final class MonteCarloDesign implements UnitCubeSequence {
    private final int dimensions;
    private final UnitUniforms source;

    private MonteCarloDesign(int dimensions, UnitUniforms source) {
        this.dimensions = dimensions;
        this.source = source;
    }

    public static MonteCarloDesign of(int dimensions, UnitUniforms source) {
        DesignArguments.requirePositive("dimensions", dimensions);
        return new MonteCarloDesign(dimensions, Objects.requireNonNull(source, "source"));
    }

    /** Driven by the study's counter-based stream, {@link PhiloxUniforms}. */
    public static MonteCarloDesign seeded(int dimensions, long seed) {
        return of(dimensions, PhiloxUniforms.seeded(seed));
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public double[][] sample(long firstIndex, int count) {
        DesignArguments.requireRange(firstIndex, count, Long.MAX_VALUE);
        DesignArguments.requireMemory("a Monte Carlo sample", count, dimensions,
                "ask for the points a range at a time");
        double[][] points = new double[count][dimensions];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < dimensions; j++) {
                points[i][j] = source.uniform(firstIndex + i, j);
            }
        }
        return points;
    }

    @Override
    public String toString() {
        return "MonteCarloDesign[dimensions=" + dimensions + ", source=" + source + "]";
    }
}
