package org.emulens.ensemble.sensitivity;

import java.util.List;

/**
 * Estimated Sobol' sensitivity indices with bootstrap confidence half-widths, named like SALib's result: per
 * factor S1 (first order), ST (total), their {@code _conf}, and the second-order S2 matrix when it was computed.
 * A {@code conf} value c means the interval {@code estimate +- c} at {@link Bootstrap#confidenceLevel()}.
 * Immutable; array accessors return copies.
 */
public final class SobolIndices {
    private final List<String> names;
    private final int baseSamples;
    private final Bootstrap bootstrap;
    private final double[] s1;
    private final double[] s1Conf;
    private final double[] st;
    private final double[] stConf;
    private final double[][] s2;
    private final double[][] s2Conf;

    SobolIndices(List<String> names, int baseSamples, Bootstrap bootstrap, double[] s1, double[] s1Conf,
            double[] st, double[] stConf, double[][] s2, double[][] s2Conf) {
        this.names = List.copyOf(names);
        this.baseSamples = baseSamples;
        this.bootstrap = bootstrap;
        this.s1 = s1;
        this.s1Conf = s1Conf;
        this.st = st;
        this.stConf = stConf;
        this.s2 = s2;
        this.s2Conf = s2Conf;
    }

    public List<String> names() {
        return names;
    }

    public int factors() {
        return names.size();
    }

    /** The number of base points N the estimates rest on. */
    public int baseSamples() {
        return baseSamples;
    }

    public Bootstrap bootstrap() {
        return bootstrap;
    }

    /** The position of a factor by name. */
    public int indexOf(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("factor '" + name + "': not in these results, expected one of "
                    + names);
        }
        return i;
    }

    public double s1(int factor) {
        return s1[factor];
    }

    public double s1Conf(int factor) {
        return s1Conf[factor];
    }

    public double st(int factor) {
        return st[factor];
    }

    public double stConf(int factor) {
        return stConf[factor];
    }

    public double[] s1() {
        return s1.clone();
    }

    public double[] s1Conf() {
        return s1Conf.clone();
    }

    public double[] st() {
        return st.clone();
    }

    public double[] stConf() {
        return stConf.clone();
    }

    public boolean hasSecondOrder() {
        return s2 != null;
    }

    /** The second-order index of factors i and j (i != j, either order). */
    public double s2(int i, int j) {
        return pairEntry(s2, i, j);
    }

    public double s2Conf(int i, int j) {
        return pairEntry(s2Conf, i, j);
    }

    /** S2 laid out as SALib does: {@code [i][j]} filled for i < j, NaN elsewhere. A new matrix. */
    public double[][] s2Matrix() {
        return upperTriangle(s2);
    }

    public double[][] s2ConfMatrix() {
        return upperTriangle(s2Conf);
    }

    private static double pairEntry(double[][] m, int i, int j) {
        requireComputed(m);
        if (i == j) {
            throw new IllegalArgumentException("second-order index needs two different factors, found " + i
                    + " twice");
        }
        return m[i][j];
    }

    private static double[][] upperTriangle(double[][] m) {
        requireComputed(m);
        double[][] out = new double[m.length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                out[i][j] = j > i ? m[i][j] : Double.NaN;
            }
        }
        return out;
    }

    private static void requireComputed(double[][] m) {
        if (m == null) {
            throw new IllegalStateException("second-order indices were not computed; use a second-order "
                    + "Saltelli design");
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format("%-16s %9s %9s %9s %9s%n", "factor", "S1", "S1_conf",
                "ST", "ST_conf"));
        for (int i = 0; i < factors(); i++) {
            sb.append(String.format("%-16s %9.5f %9.5f %9.5f %9.5f%n", names.get(i), s1[i], s1Conf[i], st[i],
                    stConf[i]));
        }
        return sb.toString();
    }
}
