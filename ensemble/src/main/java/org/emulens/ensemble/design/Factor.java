package org.emulens.ensemble.design;

import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;

/**
 * One uncertain input: a name and a {@link Marginal}. Maps a unit-cube coordinate to a value by the marginal's
 * inverse CDF. Immutable.
 *
 * <p>The factories that take parameters ({@link #normal}, {@link #uniform}, ...) exist so that a bad parameter is
 * reported with the factor's name, e.g. {@code factor 'theta': bounds inverted, lower 0.5 > upper 0.2}.
 */
public final class Factor {
    private final String name;
    private final Marginal marginal;
    private final DoubleUnaryOperator quantile;

    private Factor(String name, Marginal marginal) {
        this.name = name;
        this.marginal = marginal;
        this.quantile = marginal.quantileFunction();
    }

    public static Factor of(String name, Marginal marginal) {
        Objects.requireNonNull(marginal, "marginal");
        return new Factor(checkName(name), marginal);
    }

    public static Factor uniform(String name, double lower, double upper) {
        return named(name, () -> new Marginal.Uniform(lower, upper));
    }

    public static Factor normal(String name, double mean, double sd) {
        return named(name, () -> new Marginal.Normal(mean, sd));
    }

    public static Factor truncatedNormal(String name, double mean, double sd, double lower, double upper) {
        return named(name, () -> new Marginal.TruncatedNormal(mean, sd, lower, upper));
    }

    public static Factor logNormal(String name, double mu, double sigma) {
        return named(name, () -> new Marginal.LogNormal(mu, sigma));
    }

    public static Factor triangular(String name, double lower, double mode, double upper) {
        return named(name, () -> new Marginal.Triangular(lower, mode, upper));
    }

    /**
     * A factor written the way a SALib problem dictionary writes it, so that existing problem files carry over:
     * <ul>
     * <li>{@code unif}: {@code [lower, upper]}</li>
     * <li>{@code norm}: {@code [mean, sd]}</li>
     * <li>{@code truncnorm}: {@code [lower, upper, mean, sd]}</li>
     * <li>{@code lognorm}: {@code [mu, sigma]} of the underlying normal (natural log)</li>
     * <li>{@code triang}: {@code [lower, upper, c]} with the peak at {@code lower + c (upper - lower)},
     * {@code 0 <= c <= 1}. SALib's deprecated two-value form is not accepted.</li>
     * </ul>
     */
    public static Factor fromSalib(String name, String dist, double... params) {
        checkName(name);
        Objects.requireNonNull(dist, "dist");
        switch (dist) {
            case "unif":
                salibArity(name, dist, params, 2, "[lower, upper]");
                return uniform(name, params[0], params[1]);
            case "norm":
                salibArity(name, dist, params, 2, "[mean, sd]");
                return normal(name, params[0], params[1]);
            case "truncnorm":
                salibArity(name, dist, params, 4, "[lower, upper, mean, sd]");
                return truncatedNormal(name, params[2], params[3], params[0], params[1]);
            case "lognorm":
                salibArity(name, dist, params, 2, "[mu, sigma]");
                return logNormal(name, params[0], params[1]);
            case "triang":
                salibArity(name, dist, params, 3, "[lower, upper, c]");
                double c = params[2];
                if (!(c >= 0 && c <= 1)) {
                    throw new DesignException("factor '" + name + "': SALib triang peak fraction c must lie in [0, 1], "
                            + "found " + c);
                }
                return triangular(name, params[0], params[0] + c * (params[1] - params[0]), params[1]);
            default:
                throw new DesignException("factor '" + name + "': unknown SALib distribution '" + dist
                        + "', expected one of unif, norm, truncnorm, lognorm, triang");
        }
    }

    public String name() {
        return name;
    }

    public Marginal marginal() {
        return marginal;
    }

    /**
     * The factor value at unit coordinate {@code u}: the marginal's inverse CDF at {@code u}.
     *
     * @throws DesignException if {@code u} is outside {@code [0, 1]}, or maps to an infinite value (0 or 1 under
     *     an unbounded marginal, as the first unscrambled Sobol' point or a Morris end level would)
     */
    public double valueAt(double u) {
        if (!(u >= 0 && u <= 1)) {
            throw new DesignException("factor '" + name + "': unit coordinate " + u + " outside [0, 1]");
        }
        double value = quantile.applyAsDouble(u);
        if (!Double.isFinite(value)) {
            throw new DesignException("factor '" + name + "': unit coordinate " + u + " maps to " + value
                    + " under " + marginal + "; an unbounded marginal needs coordinates strictly inside (0, 1), "
                    + "e.g. from a scrambled Sobol' sequence, Latin hypercube or Monte Carlo design");
        }
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Factor f && name.equals(f.name) && marginal.equals(f.marginal);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + marginal.hashCode();
    }

    @Override
    public String toString() {
        return name + " ~ " + marginal;
    }

    private static Factor named(String name, Supplier<Marginal> marginal) {
        checkName(name);
        try {
            return new Factor(name, marginal.get());
        } catch (DesignException e) {
            throw new DesignException("factor '" + name + "': " + e.getMessage(), e);
        }
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new DesignException("factor name is " + (name == null ? "null" : "blank")
                    + ", expected a non-empty name");
        }
        return name;
    }

    private static void salibArity(String name, String dist, double[] params, int count, String meaning) {
        if (params.length != count) {
            throw new DesignException("factor '" + name + "': SALib '" + dist + "' takes " + count + " values "
                    + meaning + ", found " + params.length);
        }
    }
}
