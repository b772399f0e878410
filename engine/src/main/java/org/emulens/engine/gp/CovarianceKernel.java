package org.emulens.engine.gp;

/**
 * Stationary covariance families as scikit-learn defines them, of the scaled distance
 * {@code r = sqrt(sum_i ((x_i - x'_i) / l_i)^2)} with ARD length scales {@code l_i}; the kernel is
 * {@code variance * correlation(r)}.
 */
public enum CovarianceKernel {
    /** {@code exp(-r^2 / 2)}: sklearn {@code RBF}. */
    SQUARED_EXPONENTIAL("squared_exponential"),
    /** {@code (1 + sqrt(3) r) exp(-sqrt(3) r)}: sklearn {@code Matern(nu=1.5)}. */
    MATERN32("matern32"),
    /** {@code (1 + sqrt(5) r + 5 r^2 / 3) exp(-sqrt(5) r)}: sklearn {@code Matern(nu=2.5)}. */
    MATERN52("matern52");

    private static final double SQRT3 = Math.sqrt(3.0);
    private static final double SQRT5 = Math.sqrt(5.0);

    private final String fileName;

    CovarianceKernel(String fileName) {
        this.fileName = fileName;
    }

    /** The name in a GP emulator file. */
    public String fileName() {
        return fileName;
    }

    /** The kernel called {@code name} in a GP file, or null. */
    public static CovarianceKernel ofFileName(String name) {
        for (CovarianceKernel k : values()) {
            if (k.fileName.equals(name)) {
                return k;
            }
        }
        return null;
    }

    /** The correlation at scaled squared distance {@code r2}. */
    public double correlation(double r2) {
        switch (this) {
            case SQUARED_EXPONENTIAL:
                return Math.exp(-0.5 * r2);
            case MATERN32: {
                double t = SQRT3 * Math.sqrt(r2);
                return (1.0 + t) * Math.exp(-t);
            }
            case MATERN52: {
                double r = Math.sqrt(r2);
                double t = SQRT5 * r;
                return (1.0 + t + 5.0 / 3.0 * r2) * Math.exp(-t);
            }
            default:
                throw new IllegalStateException(name());
        }
    }
}
