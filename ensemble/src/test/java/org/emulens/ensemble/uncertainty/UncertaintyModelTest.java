package org.emulens.ensemble.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.emulens.ensemble.rng.ReservedStreams;
import org.junit.jupiter.api.Test;

/** Building a model and per-cell uncertainties: what is accepted, and the messages for what is not. */
class UncertaintyModelTest {
    private static final List<String> INPUTS = List.of("sm", "lst", "alb", "vcmax");

    private static UncertaintyModel.Builder builder() {
        return UncertaintyModel.builder(INPUTS);
    }

    private static String messageOf(Supplier<?> action) {
        return assertThrows(UncertaintyException.class, action::get).getMessage();
    }

    @Test
    void describesEachInputAndPassesTheOthersThrough() {
        UncertaintyModel model = builder()
                .input("sm", ErrorShape.truncatedGaussian(0f, 0.45f), 1.5f)
                .parameter("vcmax", 50f, 5f, ErrorShape.logNormal())
                .build();
        assertEquals(INPUTS, model.inputNames());
        assertEquals(4, model.slots());
        InputUncertainty sm = model.input("sm").orElseThrow();
        assertEquals(0, sm.slot());
        assertEquals(ErrorShape.truncatedGaussian(0f, 0.45f), sm.shape());
        assertFalse(sm.isParameter());
        assertEquals(1.5f, sm.correlatedField().orElseThrow().spacingDegrees());
        InputUncertainty vcmax = model.input("vcmax").orElseThrow();
        assertTrue(vcmax.isParameter());
        assertEquals(50f, vcmax.parameterNominal());
        assertEquals(5f, vcmax.parameterSd());
        assertTrue(vcmax.correlatedField().isEmpty());
        assertTrue(model.input("lst").isEmpty());
        assertTrue(model.input("nonexistent").isEmpty());
        assertEquals(List.of(sm, vcmax), model.perturbedInputs());
    }

    @Test
    void rejectsInvertedEmptyOrInfiniteBounds() {
        assertEquals("input 'sm': truncated Gaussian bounds inverted, expected lower < upper, found lower 0.5, "
                + "upper 0.2",
                messageOf(() -> builder().input("sm", ErrorShape.truncatedGaussian(0.5f, 0.2f)).build()));
        assertEquals("input 'alb': truncated Gaussian bounds empty, expected lower < upper, found lower 1.0, upper 1.0",
                messageOf(() -> builder().input("alb", ErrorShape.truncatedGaussian(1f, 1f)).build()));
        assertEquals("input 'sm': truncated Gaussian bounds must be finite, found [0.0, Infinity]",
                messageOf(() -> builder().input("sm", ErrorShape.truncatedGaussian(0f, Float.POSITIVE_INFINITY))
                        .build()));
    }

    @Test
    void rejectsNonPositiveCorrelationLengths() {
        assertEquals("input 'lst': correlation length must be a finite number of degrees > 0, found -2.0",
                messageOf(() -> builder().input("lst", ErrorShape.gaussian(), -2f).build()));
        assertEquals("input 'lst': correlation length must be a finite number of degrees > 0, found 0.0",
                messageOf(() -> builder().input("lst", ErrorShape.gaussian(), 0f).build()));
    }

    @Test
    void rejectsDuplicateAndUnknownInputs() {
        assertEquals("input 'sm' is given an uncertainty model twice, expected at most one",
                messageOf(() -> builder().input("sm", ErrorShape.gaussian())
                        .parameter("sm", 0.2f, 0.01f, ErrorShape.gaussian()).build()));
        assertEquals("input 'lai' is not an emulator input, expected one of [sm, lst, alb, vcmax]",
                messageOf(() -> builder().input("lai", ErrorShape.gaussian()).build()));
        assertEquals("emulator input 'sm' is listed twice, at positions 0 and 2; expected unique names",
                messageOf(() -> UncertaintyModel.builder(List.of("sm", "lst", "sm")).build()));
        assertEquals("emulator input 1: expected a name, found ' '",
                messageOf(() -> UncertaintyModel.builder(List.of("sm", " ")).build()));
        assertEquals("emulator input 0: expected a name, found null",
                messageOf(() -> UncertaintyModel.builder(Arrays.asList((String) null)).build()));
        assertEquals("input 'sm': expected an error shape, found null",
                messageOf(() -> builder().input("sm", null).build()));
    }

    @Test
    void rejectsEmptyConstantOrNonFiniteEmpiricalSamples() {
        assertEquals("input 'alb': empirical error sample is empty, expected at least 2 values",
                messageOf(() -> builder().input("alb", ErrorShape.empirical(new float[0])).build()));
        assertEquals("input 'alb': empirical error sample has a single value, expected at least 2 values",
                messageOf(() -> builder().input("alb", ErrorShape.empirical(new float[] {0.1f})).build()));
        assertEquals("input 'alb': empirical error sample has no spread (all 3 values equal 0.5), expected a standard "
                + "deviation > 0",
                messageOf(() -> builder().input("alb", ErrorShape.empirical(new float[] {0.5f, 0.5f, 0.5f})).build()));
        assertEquals("input 'alb': empirical error sample value 1 must be finite, found NaN",
                messageOf(() -> builder().input("alb", ErrorShape.empirical(new float[] {0.5f, Float.NaN})).build()));
    }

    @Test
    void rejectsUnusableParameters() {
        assertEquals("parameter 'vcmax': sd must be a finite number >= 0, found -0.01",
                messageOf(() -> builder().parameter("vcmax", 50f, -0.01f, ErrorShape.gaussian()).build()));
        assertEquals("parameter 'vcmax': nominal value must be finite, found NaN",
                messageOf(() -> builder().parameter("vcmax", Float.NaN, 1f, ErrorShape.gaussian()).build()));
        assertEquals("parameter 'vcmax': a lognormal (multiplicative) error needs a nominal value > 0, found 0.0",
                messageOf(() -> builder().parameter("vcmax", 0f, 1f, ErrorShape.logNormal()).build()));
        assertEquals("parameter 'vcmax': nominal value must lie within the bounds [0.0, 1.0], found 1.5",
                messageOf(() -> builder().parameter("vcmax", 1.5f, 0.1f, ErrorShape.truncatedGaussian(0f, 1f))
                        .build()));
    }

    /**
     * Pairwise correlations 0.9, 0.9 and −0.9 cannot coexist. The third Cholesky pivot, analytically:
     * {@code L10 = 0.9}, {@code L11² = 0.19}, {@code L20 = 0.9}, {@code L21 = (−0.9 − 0.81) / √0.19}, so the
     * pivot is {@code 1 − 0.81 − 1.71² / 0.19 = −15.2}.
     */
    @Test
    void rejectsACorrelationMatrixThatIsNotPositiveDefiniteNamingTheFailingPivot() {
        String message = messageOf(() -> UncertaintyModel.builder(List.of("sm", "lst", "alb"))
                .input("sm", ErrorShape.gaussian())
                .input("lst", ErrorShape.gaussian())
                .input("alb", ErrorShape.uniform())
                .correlation("sm", "lst", 0.9)
                .correlation("sm", "alb", 0.9)
                .correlation("lst", "alb", -0.9)
                .build());
        String prefix = "correlation of the random components of inputs 'sm', 'lst', 'alb' is not positive definite: "
                + "the Cholesky pivot of input 'alb' is ";
        assertTrue(message.startsWith(prefix) && message.endsWith(", expected > 0"), message);
        String number = message.substring(prefix.length(), message.length() - ", expected > 0".length());
        double pivot = Double.parseDouble(number);
        assertEquals(-15.2, pivot, 1e-12);
        // A correlation of exactly 1 leaves a zero pivot, which is also rejected.
        String perfect = messageOf(() -> builder().input("sm", ErrorShape.gaussian())
                .input("lst", ErrorShape.gaussian()).correlation("sm", "lst", 1.0).build());
        assertTrue(perfect.endsWith("the Cholesky pivot of input 'lst' is 0.0, expected > 0"), perfect);
    }

    @Test
    void rejectsCorrelationsThatCannotApply() {
        UncertaintyModel.Builder b = builder().input("sm", ErrorShape.gaussian()).input("lst", ErrorShape.gaussian())
                .parameter("vcmax", 50f, 1f, ErrorShape.gaussian());
        assertEquals("correlation between inputs 'sm' and 'lst' must lie in [-1, 1], found 1.2",
                messageOf(() -> builder().input("sm", ErrorShape.gaussian()).input("lst", ErrorShape.gaussian())
                        .correlation("sm", "lst", 1.2).build()));
        assertEquals("correlation of input 'sm' with itself: expected two different inputs",
                messageOf(() -> builder().input("sm", ErrorShape.gaussian()).correlation("sm", "sm", 0.5).build()));
        assertEquals("correlation between inputs 'lst' and 'sm' is given twice, expected once",
                messageOf(() -> builder().input("sm", ErrorShape.gaussian()).input("lst", ErrorShape.gaussian())
                        .correlation("sm", "lst", 0.5).correlation("lst", "sm", 0.5).build()));
        assertEquals("input 'vcmax' is an uncertain parameter (systematic error only), so it has no random component "
                + "to correlate; expected a per-cell input",
                messageOf(() -> b.correlation("sm", "vcmax", 0.5).build()));
        assertEquals("input 'alb' has no uncertainty model, so its random component cannot be correlated; expected "
                + "an input given with input(...)",
                messageOf(() -> builder().input("sm", ErrorShape.gaussian()).correlation("sm", "alb", 0.5).build()));
    }

    @Test
    void cellUncertaintyRejectsNegativeOrMissingSdsNamingCellAndInput() {
        UncertaintyModel model = builder().input("sm", ErrorShape.gaussian())
                .input("lst", ErrorShape.gaussian(), 1f).build();
        float[] zeros = new float[4];
        assertEquals("cell 17, input 'sm': random sd must be a finite number >= 0, found -0.01",
                messageOf(() -> CellUncertainty.of(model, 17, 0f, 0f, new float[] {-0.01f, 0f, 0f, 0f}, zeros, zeros)));
        assertEquals("cell 17, input 'lst': systematic sd must be a finite number >= 0, found NaN (where the input is "
                + "missing, give 0: a NaN nominal stays NaN anyway)",
                messageOf(() -> CellUncertainty.of(model, 17, 0f, 0f, zeros, zeros,
                        new float[] {0f, Float.NaN, 0f, 0f})));
        assertEquals("cell 17, input 'sm': correlated sd must be 0 because the model gives this input no correlation "
                + "length, found 0.5",
                messageOf(() -> CellUncertainty.of(model, 17, 0f, 0f, zeros, new float[] {0.5f, 0f, 0f, 0f}, zeros)));
        assertEquals("sdCorrelated: expected one value per emulator input (4), found 2",
                messageOf(() -> CellUncertainty.of(model, 17, 0f, 0f, zeros, new float[2], zeros)));
        assertEquals("cell 4294967294: expected latitude in [-90, 90] and longitude in [-180, 180] degrees, found "
                + "(91.0, 0.0)", messageOf(() -> CellUncertainty.of(model, -2, 91f, 0f, zeros, zeros, zeros)));
        assertEquals("cell: expected an index other than 0xFFFFFFFF (reserved for draws shared by all cells), found "
                + "0xFFFFFFFF",
                messageOf(() -> CellUncertainty.of(model, ReservedStreams.SHARED_CELL, 0f, 0f, zeros, zeros, zeros)));
    }

    @Test
    void cellUncertaintyCombinesTheComponentsIntoTheTotalSd() {
        UncertaintyModel model = builder().input("lst", ErrorShape.gaussian(), 1f)
                .parameter("vcmax", 50f, 2.5f, ErrorShape.gaussian()).build();
        CellUncertainty cell = CellUncertainty.of(model, 1, 0f, 0f, new float[] {99f, 0.3f, 99f, 99f},
                new float[] {99f, 0.4f, 99f, 99f}, new float[] {99f, 1.2f, 99f, 99f});
        assertEquals(1.3f, cell.sigma(1), Math.ulp(1.3f)); // sqrt(0.09 + 0.16 + 1.44)
        // Pass-through inputs and parameters ignore the arrays; a parameter's sd is the model's.
        assertEquals(0f, cell.sigma(0));
        assertEquals(0f, cell.sdRandom(2));
        assertEquals(2.5f, cell.sigma(3));
        assertEquals(2.5f, cell.sdSystematic(3));
        assertEquals(0f, cell.sdRandom(3));
    }
}
