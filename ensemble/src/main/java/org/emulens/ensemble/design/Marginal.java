package org.emulens.ensemble.design;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.LogNormalDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TriangularDistribution;
import org.apache.commons.statistics.distribution.TruncatedNormalDistribution;
import org.apache.commons.statistics.distribution.UniformContinuousDistribution;

/**
 * The marginal distribution of one factor. Designs produce coordinates in the unit cube; a marginal turns a
 * coordinate {@code u} into a factor value by its inverse CDF, so that uniformly spread coordinates become values
 * spread like the marginal. Each record checks its parameters when it is made, so a {@code Marginal} that exists
 * is usable; {@link Factor}'s factories add the factor's name to those messages.
 */
public sealed interface Marginal
        permits Marginal.Uniform, Marginal.Normal, Marginal.TruncatedNormal, Marginal.LogNormal, Marginal.Triangular {

    /** The distribution, for its moments, density or CDF. */
    ContinuousDistribution distribution();

    /** The inverse CDF, built once per factor: constructing a distribution per coordinate would be wasteful. */
    default DoubleUnaryOperator quantileFunction() {
        ContinuousDistribution d = distribution();
        return d::inverseCumulativeProbability;
    }

    /** Uniform on {@code [lower, upper]}; SALib's {@code unif}. */
    record Uniform(double lower, double upper) implements Marginal {
        public Uniform {
            requireFinite("lower", lower);
            requireFinite("upper", upper);
            requireOrdered(lower, upper);
        }

        @Override
        public ContinuousDistribution distribution() {
            return UniformContinuousDistribution.of(lower, upper);
        }

        /** The plain affine map: exact at u = 0 and 1, and the same arithmetic as SALib's scaling. */
        @Override
        public DoubleUnaryOperator quantileFunction() {
            double width = upper - lower;
            return u -> lower + u * width;
        }
    }

    /** Normal with the given mean and standard deviation; SALib's {@code norm}. */
    record Normal(double mean, double sd) implements Marginal {
        public Normal {
            requireFinite("mean", mean);
            requirePositive("sd", sd);
        }

        @Override
        public ContinuousDistribution distribution() {
            return NormalDistribution.of(mean, sd);
        }
    }

    /**
     * A normal of the given mean and sd (of the parent normal, not of the truncated one) restricted to
     * {@code [lower, upper]}; SALib's {@code truncnorm}.
     */
    record TruncatedNormal(double mean, double sd, double lower, double upper) implements Marginal {
        public TruncatedNormal {
            requireFinite("mean", mean);
            requirePositive("sd", sd);
            requireFinite("lower", lower);
            requireFinite("upper", upper);
            requireOrdered(lower, upper);
        }

        @Override
        public ContinuousDistribution distribution() {
            return TruncatedNormalDistribution.of(mean, sd, lower, upper);
        }
    }

    /** {@code exp(N(mu, sigma))}: mu and sigma are in log space; SALib's {@code lognorm}. */
    record LogNormal(double mu, double sigma) implements Marginal {
        public LogNormal {
            requireFinite("mu", mu);
            requirePositive("sigma", sigma);
        }

        @Override
        public ContinuousDistribution distribution() {
            return LogNormalDistribution.of(mu, sigma);
        }
    }

    /** Triangular on {@code [lower, upper]} with its peak at {@code mode}. */
    record Triangular(double lower, double mode, double upper) implements Marginal {
        public Triangular {
            requireFinite("lower", lower);
            requireFinite("mode", mode);
            requireFinite("upper", upper);
            requireOrdered(lower, upper);
            if (mode < lower || mode > upper) {
                throw new DesignException("mode " + mode + " outside the bounds, expected within [" + lower + ", "
                        + upper + "]");
            }
        }

        @Override
        public ContinuousDistribution distribution() {
            return TriangularDistribution.of(lower, mode, upper);
        }
    }

    private static void requireFinite(String parameter, double value) {
        if (!Double.isFinite(value)) {
            throw new DesignException(parameter + " is " + value + ", expected a finite number");
        }
    }

    private static void requirePositive(String parameter, double value) {
        requireFinite(parameter, value);
        if (value <= 0) {
            throw new DesignException(parameter + " must be > 0, found " + value);
        }
    }

    private static void requireOrdered(double lower, double upper) {
        if (lower > upper) {
            throw new DesignException("bounds inverted, lower " + lower + " > upper " + upper);
        }
        if (lower == upper) {
            throw new DesignException("bounds empty, lower " + lower + " = upper " + upper
                    + "; a fixed value is not an uncertain factor");
        }
    }
}
