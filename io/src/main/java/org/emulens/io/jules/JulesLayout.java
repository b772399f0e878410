package org.emulens.io.jules;

import java.util.List;

/**
 * How a JULES file stores its points: on a 2-D grid ({@code y}, {@code x}), or as land points only, either
 * on a 1-D dimension ({@code land}, the default {@code grid_dim_name} of JULES's {@code jules_input_grid}
 * namelist) or, as JULES writes output of a land-points run, on {@code x} with {@code y} of length 1.
 * Every other dimension of a variable ({@code time}, {@code pft}, {@code tile}, {@code soil}, ...) is a
 * layer that a reader selects. Immutable.
 *
 * @param kind            grid or land points
 * @param pointDimensions the dimensions that number the points, slowest first ({@code [y, x]} or {@code [land]})
 * @param pointCount      number of points: cells of the 2-D grid, or land points
 */
public record JulesLayout(Kind kind, List<String> pointDimensions, int pointCount) {

    /** The two ways JULES lays out its points. */
    public enum Kind {
        /** A 2-D grid of {@code y} rows and {@code x} columns, sea cells holding the fill value. */
        GRIDDED,
        /** Land points only, each placed by its own latitude and longitude. */
        LAND_POINTS
    }

    public JulesLayout {
        pointDimensions = List.copyOf(pointDimensions);
    }

    /** Whether {@code dimension} numbers the points. */
    public boolean isPointDimension(String dimension) {
        return dimension != null && pointDimensions.contains(dimension);
    }

    @Override
    public String toString() {
        return (kind == Kind.GRIDDED ? "2-D grid" : "land points") + " on " + pointDimensions + ", " + pointCount
                + " points";
    }
}
