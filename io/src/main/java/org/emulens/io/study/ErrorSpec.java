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
}
