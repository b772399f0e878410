package org.emulens.ensemble.uncertainty;

import static org.emulens.ensemble.uncertainty.Samples.assertKolmogorovSmirnovAccepts;
import static org.emulens.ensemble.uncertainty.Samples.assertMean;
import static org.emulens.ensemble.uncertainty.Samples.assertSd;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/** Additive normal error; statistical thresholds as in {@link Samples} (false-failure rate 1e-6 each). */
class GaussianTest {

    @Test
    void allThreeComponentsTogetherGiveANormalWithTheTotalSd() {
        // σ = sqrt(0.3² + 0.4² + 1.2²) = 1.3 exactly in real numbers.
        float[] values = Samples.perturbed(ErrorShape.gaussian(), 290f, 0.3f, 0.4f, 1.2f, 100_000);
        assertMean(290.0, 1.3, values);
        assertSd(1.3, values);
        assertKolmogorovSmirnovAccepts(new NormalDistribution(null, 290.0, 1.3), values);
    }

    @Test
    void eachComponentAloneIsNormalWithItsSd() {
        float[][] bySingleComponent = {
            Samples.perturbed(ErrorShape.gaussian(), 5f, 0.7f, 0f, 0f, 50_000),
            Samples.perturbed(ErrorShape.gaussian(), 5f, 0f, 0.7f, 0f, 50_000),
            Samples.perturbed(ErrorShape.gaussian(), 5f, 0f, 0f, 0.7f, 50_000)};
        for (float[] values : bySingleComponent) {
            assertMean(5.0, 0.7, values);
            assertSd(0.7, values);
            assertKolmogorovSmirnovAccepts(new NormalDistribution(null, 5.0, 0.7), values);
        }
    }

    @Test
    void perturbAddsAttemptZerosErrorAndNothingElse() {
        assertEquals(1.25f, ErrorShape.gaussian().perturb(1f, 3f, attempt -> attempt == 0 ? 0.25f : 99f));
    }
}
