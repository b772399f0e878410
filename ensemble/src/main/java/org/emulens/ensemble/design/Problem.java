package org.emulens.ensemble.design;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An ordered list of uniquely named {@link Factor}s: the same information as a SALib problem dictionary
 * ({@code names}, {@code bounds}, {@code dists}). Column {@code j} of every design belongs to factor {@code j}.
 * Immutable; all checks happen when it is built.
 */
public final class Problem {
    private final List<Factor> factors;
    private final Map<String, Integer> indexByName;

    private Problem(List<Factor> factors, Map<String, Integer> indexByName) {
        this.factors = factors;
        this.indexByName = indexByName;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static Problem of(Factor... factors) {
        return of(List.of(factors));
    }

    /**
     * @throws DesignException if the list is empty or two factors share a name
     */
    public static Problem of(List<Factor> factors) {
        if (factors.isEmpty()) {
            throw new DesignException("problem has no factors, expected at least 1");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < factors.size(); i++) {
            Factor f = Objects.requireNonNull(factors.get(i), "factor " + i);
            Integer earlier = index.putIfAbsent(f.name(), i);
            if (earlier != null) {
                throw new DesignException("factor '" + f.name() + "': name used twice, at positions " + earlier
                        + " and " + i + "; expected unique names");
            }
        }
        return new Problem(List.copyOf(factors), Collections.unmodifiableMap(index));
    }

    /**
     * The problem a SALib dictionary describes. {@code dists} may be null, meaning all uniform, as in SALib.
     * See {@link Factor#fromSalib} for each distribution's bounds convention.
     */
    public static Problem fromSalib(List<String> names, double[][] bounds, List<String> dists) {
        if (names.size() != bounds.length || (dists != null && dists.size() != names.size())) {
            throw new DesignException("SALib problem has " + names.size() + " names, " + bounds.length
                    + " bounds and " + (dists == null ? "no" : String.valueOf(dists.size()))
                    + " dists; expected one of each per factor");
        }
        List<Factor> factors = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            factors.add(Factor.fromSalib(names.get(i), dists == null ? "unif" : dists.get(i), bounds[i]));
        }
        return of(factors);
    }

    public int dimensions() {
        return factors.size();
    }

    public List<Factor> factors() {
        return factors;
    }

    public Factor factor(int index) {
        return factors.get(index);
    }

    public List<String> names() {
        return factors.stream().map(Factor::name).toList();
    }

    /**
     * @throws DesignException if no factor has this name
     */
    public int indexOf(String name) {
        Integer i = indexByName.get(name);
        if (i == null) {
            throw new DesignException("factor '" + name + "': not in this problem, expected one of " + names());
        }
        return i;
    }

    /** One design row mapped to factor values. */
    public double[] valuesAt(double[] unitRow) {
        if (unitRow.length != factors.size()) {
            throw new IllegalArgumentException("unit row has " + unitRow.length + " coordinates, expected "
                    + factors.size() + " (one per factor)");
        }
        double[] values = new double[unitRow.length];
        for (int j = 0; j < values.length; j++) {
            values[j] = factors.get(j).valueAt(unitRow[j]);
        }
        return values;
    }

    /**
     * A design ({@code [n][dimensions()]}, unit cube) mapped row by row to factor values; a new matrix.
     *
     * @throws DesignException naming the row and factor when a coordinate cannot be mapped
     */
    public double[][] valuesAt(double[][] unitPoints) {
        double[][] values = new double[unitPoints.length][];
        for (int i = 0; i < unitPoints.length; i++) {
            if (unitPoints[i].length != factors.size()) {
                throw new IllegalArgumentException("row " + i + " has " + unitPoints[i].length
                        + " coordinates, expected " + factors.size() + " (one per factor)");
            }
            try {
                values[i] = valuesAt(unitPoints[i]);
            } catch (DesignException e) {
                throw new DesignException("row " + i + ": " + e.getMessage(), e);
            }
        }
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Problem p && factors.equals(p.factors);
    }

    @Override
    public int hashCode() {
        return factors.hashCode();
    }

    @Override
    public String toString() {
        return "Problem" + factors;
    }

    /** Collects factors in column order; {@link #build()} checks them. */
    public static final class Builder {
        private final List<Factor> factors = new ArrayList<>();

        private Builder() {
        }

        public Builder add(Factor factor) {
            factors.add(Objects.requireNonNull(factor, "factor"));
            return this;
        }

        public Builder uniform(String name, double lower, double upper) {
            return add(Factor.uniform(name, lower, upper));
        }

        public Builder normal(String name, double mean, double sd) {
            return add(Factor.normal(name, mean, sd));
        }

        public Builder truncatedNormal(String name, double mean, double sd, double lower, double upper) {
            return add(Factor.truncatedNormal(name, mean, sd, lower, upper));
        }

        public Builder logNormal(String name, double mu, double sigma) {
            return add(Factor.logNormal(name, mu, sigma));
        }

        public Builder triangular(String name, double lower, double mode, double upper) {
            return add(Factor.triangular(name, lower, mode, upper));
        }

        /**
         * @throws DesignException if no factor was added or two share a name
         */
        public Problem build() {
            return of(factors);
        }
    }
}
