package org.emulens.ensemble.design;

/**
 * A way of placing points in the unit cube {@code [0, 1)^d}. Points are returned as a row-major matrix
 * {@code [n][dimensions()]}, one row per point, ready for {@link Problem#valuesAt(double[][])}.
 * The same design object asked for the same {@code n} returns the same points.
 */
public interface UnitCubeDesign {

    int dimensions();

    /** {@code n} points, a new matrix {@code [n][dimensions()]}. */
    double[][] sample(int n);
}
