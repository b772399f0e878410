package org.emulens.io.study;

/**
 * How a study input is perturbed, as written in the study file: the error shape, its bounds, and the
 * standard deviation of each error component. {@code randomSd} NaN means "from the product's
 * uncertainty variable".
 */
public record ErrorSpec(String shape, double lower, double upper, double randomSd, double systematicSd,
        double correlatedSd, double lengthScaleDegrees) {

    public boolean randomSdFromProduct() {
        return Double.isNaN(randomSd);
    }

    /** As the study file says it, for provenance: "truncated-gaussian [0, 0.6], sd from the product". */
    public String describe() {
        StringBuilder sb = new StringBuilder(shape);
        if (!Double.isNaN(lower)) {
            sb.append(" [").append(lower).append(", ").append(upper).append(']');
        }
        sb.append(randomSdFromProduct() ? ", sd from the product" : ", sd " + randomSd);
        if (systematicSd > 0) {
            sb.append(", systematic sd ").append(systematicSd);
        }
        if (correlatedSd > 0) {
            sb.append(", correlated sd ").append(correlatedSd).append(" over ").append(lengthScaleDegrees).append(" deg");
        }
        return sb.toString();
    }
}
