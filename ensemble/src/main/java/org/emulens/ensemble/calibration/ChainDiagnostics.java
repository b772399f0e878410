package org.emulens.ensemble.calibration;

/**
 * Convergence diagnostics of MCMC chains as defined in Gelman et al., Bayesian Data Analysis, 3rd ed.
 * (2013), section 11.4–11.5: each chain is split in half; split R-hat is {@code sqrt(var⁺ / W)} with
 * {@code var⁺ = (n − 1)/n · W + B/n}; the effective sample size is {@code mn / (1 + 2 Σ ρ̂_t)} with
 * {@code ρ̂_t = 1 − V_t / (2 var⁺)} from the variogram V_t, summed while successive pairs
 * {@code ρ̂_{t+1} + ρ̂_{t+2}} stay positive (Geyer's initial positive sequence).
 */
public final class ChainDiagnostics {
    private ChainDiagnostics() {
    }

    /** Split R-hat and effective sample size of one parameter. */
    public record Summary(double rhat, double ess) {
    }

    /** @param chains {@code [chain][draw]}, all chains the same length (at least 4) */
    public static Summary of(double[][] chains) {
        double[][] split = split(chains);
        int m = split.length;
        int n = split[0].length;
        double[] means = new double[m];
        double w = 0;
        double grand = 0;
        for (int j = 0; j < m; j++) {
            double s = 0;
            for (double v : split[j]) {
                s += v;
            }
            means[j] = s / n;
            grand += means[j];
            double ss = 0;
            for (double v : split[j]) {
                ss += (v - means[j]) * (v - means[j]);
            }
            w += ss / (n - 1);
        }
        grand /= m;
        w /= m;
        double b = 0;
        for (double mu : means) {
            b += (mu - grand) * (mu - grand);
        }
        b *= (double) n / (m - 1);
        double varPlus = (n - 1.0) / n * w + b / n;
        double rhat = Math.sqrt(varPlus / w);
        if (!(varPlus > 0)) {
            return new Summary(Double.NaN, Double.NaN);
        }
        // the variogram is only computed as far as the sum goes: O(m n T) rather than O(m n²)
        double sum = n > 1 ? rho(split, 1, varPlus) : 0;
        for (int t = 1; t + 2 < n; t += 2) {
            double pair = rho(split, t + 1, varPlus) + rho(split, t + 2, varPlus);
            if (pair < 0) {
                break;
            }
            sum += pair;
        }
        double ess = m * n / (1 + 2 * sum);
        return new Summary(rhat, ess);
    }

    private static double rho(double[][] split, int t, double varPlus) {
        int n = split[0].length;
        double v = 0;
        for (double[] c : split) {
            for (int i = t; i < n; i++) {
                double dlt = c[i] - c[i - t];
                v += dlt * dlt;
            }
        }
        v /= (double) split.length * (n - t);
        return 1 - v / (2 * varPlus);
    }

    private static double[][] split(double[][] chains) {
        int len = chains[0].length;
        if (chains.length < 1 || len < 4) {
            throw new IllegalArgumentException("diagnostics need at least one chain of 4 draws");
        }
        int n = len / 2;
        double[][] s = new double[2 * chains.length][n];
        for (int j = 0; j < chains.length; j++) {
            if (chains[j].length != len) {
                throw new IllegalArgumentException("chain " + j + " has " + chains[j].length + " draws, expected " + len);
            }
            // an odd draw count drops the middle draw, as BDA3 does
            System.arraycopy(chains[j], 0, s[2 * j], 0, n);
            System.arraycopy(chains[j], len - n, s[2 * j + 1], 0, n);
        }
        return s;
    }
}
