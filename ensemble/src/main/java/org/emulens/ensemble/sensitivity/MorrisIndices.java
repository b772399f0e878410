package org.emulens.ensemble.sensitivity;

import java.util.List;

/**
 * Elementary-effect statistics per factor, named as SALib's {@code morris.analyze}: {@code mu} (mean effect; signs
 * can cancel), {@code muStar} (mean absolute effect, Campolongo et al. 2007; the ranking measure) and
 * {@code sigma} (standard deviation, n - 1 denominator: non-linearity or interactions; NaN with one trajectory).
 * Effects are output change per unit-cube coordinate. Immutable; array accessors return copies.
 */
public final class MorrisIndices {
    private final List<String> names;
    private final int trajectories;
    private final double[] mu;
    private final double[] muStar;
    private final double[] sigma;

    MorrisIndices(List<String> names, int trajectories, double[] mu, double[] muStar, double[] sigma) {
        this.names = List.copyOf(names);
        this.trajectories = trajectories;
        this.mu = mu;
        this.muStar = muStar;
        this.sigma = sigma;
    }

    public List<String> names() {
        return names;
    }

    public int factors() {
        return names.size();
    }

    public int trajectories() {
        return trajectories;
    }

    public double mu(int factor) {
        return mu[factor];
    }

    public double muStar(int factor) {
        return muStar[factor];
    }

    public double sigma(int factor) {
        return sigma[factor];
    }

    public double[] mu() {
        return mu.clone();
    }

    public double[] muStar() {
        return muStar.clone();
    }

    public double[] sigma() {
        return sigma.clone();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format("%-16s %12s %12s %12s%n", "factor", "mu", "mu_star",
                "sigma"));
        for (int i = 0; i < factors(); i++) {
            sb.append(String.format("%-16s %12.5g %12.5g %12.5g%n", names.get(i), mu[i], muStar[i], sigma[i]));
        }
        return sb.toString();
    }
}
