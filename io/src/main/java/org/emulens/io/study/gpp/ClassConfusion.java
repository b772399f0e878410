package org.emulens.io.study.gpp;

import java.util.Arrays;
import java.util.List;
import org.emulens.ensemble.rng.MemberDraws;
import org.emulens.ensemble.rng.ReservedStreams;
import org.emulens.io.study.StudyConfigException;

/**
 * Land-cover classification uncertainty as a confusion matrix: for a pixel mapped as class {@code c}, the
 * probability that it is class {@code c'}. A member draws each pixel's class from its mapped class's
 * row with one uniform of the Philox counter, stream {@link ReservedStreams#LAND_COVER_CLASSES}, at
 * (cell, member, pixel index), so a member's classes do not depend on chunking, threads or backend.
 * Immutable.
 */
public final class ClassConfusion {
    private final int[] classes;
    private final double[][] cumulative;

    private ClassConfusion(int[] classes, double[][] cumulative) {
        this.classes = classes;
        this.cumulative = cumulative;
    }

    /** No classification uncertainty: every pixel keeps its mapped class. */
    public static ClassConfusion none() {
        return new ClassConfusion(new int[0], new double[0][]);
    }

    /**
     * Each mapped class among {@code classes} is right with probability {@code accuracy} and otherwise one
     * of the other listed classes, each equally likely. Classes not listed are never confused.
     */
    public static ClassConfusion ofAccuracy(List<Integer> classes, double accuracy) {
        if (!(accuracy > 0 && accuracy <= 1)) {
            throw new StudyConfigException("land-cover accuracy: expected a value in (0, 1], found " + accuracy);
        }
        int n = classes.size();
        if (n < 2 && accuracy < 1) {
            throw new StudyConfigException("land-cover confusion: expected at least 2 classes to confuse, found "
                    + classes);
        }
        double[][] matrix = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                matrix[i][j] = i == j ? accuracy : (1 - accuracy) / (n - 1);
            }
        }
        return of(classes, matrix);
    }

    /** A full matrix: {@code matrix[i][j]} = P(class j | mapped as class i); each row sums to 1. */
    public static ClassConfusion of(List<Integer> classes, double[][] matrix) {
        int n = classes.size();
        if (matrix.length != n) {
            throw new StudyConfigException("land-cover confusion: expected " + n + " rows, found " + matrix.length);
        }
        int[] codes = classes.stream().mapToInt(Integer::intValue).toArray();
        if (Arrays.stream(codes).distinct().count() != n) {
            throw new StudyConfigException("land-cover confusion: classes must be distinct, found " + classes);
        }
        double[][] cum = new double[n][n];
        for (int i = 0; i < n; i++) {
            if (matrix[i].length != n) {
                throw new StudyConfigException("land-cover confusion: row for class " + codes[i] + " has "
                        + matrix[i].length + " values, expected " + n);
            }
            double s = 0;
            for (int j = 0; j < n; j++) {
                if (!(matrix[i][j] >= 0)) {
                    throw new StudyConfigException("land-cover confusion: P(" + codes[j] + " | " + codes[i]
                            + ") must be >= 0, found " + matrix[i][j]);
                }
                s += matrix[i][j];
                cum[i][j] = s;
            }
            if (Math.abs(s - 1) > 1e-9) {
                throw new StudyConfigException("land-cover confusion: row for class " + codes[i]
                        + " must sum to 1, found " + s);
            }
            cum[i][n - 1] = 1;
        }
        return new ClassConfusion(codes, cum);
    }

    public boolean isNone() {
        return classes.length == 0;
    }

    /** The class of pixel {@code pixel} of {@code cell} mapped as {@code mapped}, in member {@code member}. */
    public int draw(long seed, int cell, long member, int pixel, int mapped) {
        int row = indexOf(mapped);
        if (row < 0) {
            return mapped;
        }
        float u = MemberDraws.uniform(seed, ReservedStreams.LAND_COVER_CLASSES, cell, member, pixel);
        return pick(row, u);
    }

    /** The class whose cumulative probability first exceeds {@code u} in {@code mapped}'s row. */
    int pick(int row, double u) {
        double[] c = cumulative[row];
        for (int j = 0; j < c.length; j++) {
            if (u < c[j]) {
                return classes[j];
            }
        }
        return classes[c.length - 1];
    }

    private int indexOf(int code) {
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] == code) {
                return i;
            }
        }
        return -1;
    }
}
