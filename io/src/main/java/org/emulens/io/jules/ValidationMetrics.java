package org.emulens.io.jules;

/**
 * Agreement of emulated values with reference (JULES) values over a set of pairs: RMSE, bias (emulated
 * minus reference), the coefficient of determination R² of the emulator as a predictor of JULES, and the
 * Pearson correlation. Mergeable: {@link #combine} of the metrics of two disjoint sets gives those of
 * their union, by Chan et al.'s pairwise update of means and co-moments. Pairs with a NaN are skipped.
 * Not thread-safe.
 */
public final class ValidationMetrics {
    private long n;
    private double meanEmulated;
    private double meanReference;
    private double m2Emulated;
    private double m2Reference;
    private double coMoment;
    private double sumSquaredError;

    /** Adds one pair; skipped when either value is NaN. */
    public void accept(double emulated, double reference) {
        if (Double.isNaN(emulated) || Double.isNaN(reference)) {
            return;
        }
        n++;
        double de = emulated - meanEmulated;
        double dr = reference - meanReference;
        meanEmulated += de / n;
        meanReference += dr / n;
        m2Emulated += de * (emulated - meanEmulated);
        m2Reference += dr * (reference - meanReference);
        coMoment += de * (reference - meanReference);
        double e = emulated - reference;
        sumSquaredError += e * e;
    }

    /** Folds {@code other}'s pairs into these. */
    public void combine(ValidationMetrics other) {
        if (other.n == 0) {
            return;
        }
        if (n == 0) {
            n = other.n;
            meanEmulated = other.meanEmulated;
            meanReference = other.meanReference;
            m2Emulated = other.m2Emulated;
            m2Reference = other.m2Reference;
            coMoment = other.coMoment;
            sumSquaredError = other.sumSquaredError;
            return;
        }
        long total = n + other.n;
        double de = other.meanEmulated - meanEmulated;
        double dr = other.meanReference - meanReference;
        double w = (double) n * other.n / total;
        m2Emulated += other.m2Emulated + de * de * w;
        m2Reference += other.m2Reference + dr * dr * w;
        coMoment += other.coMoment + de * dr * w;
        meanEmulated += de * other.n / total;
        meanReference += dr * other.n / total;
        sumSquaredError += other.sumSquaredError;
        n = total;
    }

    public long count() {
        return n;
    }

    /** Root mean square of emulated minus reference; NaN without pairs. */
    public double rmse() {
        return n == 0 ? Double.NaN : Math.sqrt(sumSquaredError / n);
    }

    /** Mean of emulated minus reference; NaN without pairs. */
    public double bias() {
        return n == 0 ? Double.NaN : meanEmulated - meanReference;
    }

    /** 1 − Σ(emulated − reference)² / Σ(reference − mean reference)²; NaN when the reference is constant. */
    public double r2() {
        return n == 0 || m2Reference == 0 ? Double.NaN : 1 - sumSquaredError / m2Reference;
    }

    /** Pearson correlation of emulated and reference; NaN when either is constant. */
    public double correlation() {
        return m2Emulated == 0 || m2Reference == 0 ? Double.NaN : coMoment / Math.sqrt(m2Emulated * m2Reference);
    }
}
