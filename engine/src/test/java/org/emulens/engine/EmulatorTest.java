package org.emulens.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EmulatorTest {

    private static DenseLayer layer(int in, int out, Activation a) {
        return new DenseLayer(in, out, new float[in * out], new float[out], a);
    }

    private static Emulator.Builder twoInputs() {
        return Emulator.builder().name("t").input(Variable.of("a", "1")).input(Variable.of("b", "K"))
                .output(Variable.of("y", "1"));
    }

    @Test
    void countsParametersAndFlops() {
        Emulator e = twoInputs().layer(layer(2, 8, Activation.TANH)).layer(layer(8, 1, Activation.IDENTITY)).build();
        assertEquals(2 * 8 + 8 + 8 + 1, e.parameterCount());
        assertEquals(2 * (2 * 8 + 8), e.flopsPerMember());
        assertEquals(8, e.maxWidth());
    }

    @Test
    void layersThatDoNotChainAreNamed() {
        InvalidModelException ex = assertThrows(InvalidModelException.class, () -> twoInputs()
                .layer(layer(2, 8, Activation.TANH)).layer(layer(7, 1, Activation.IDENTITY)).build());
        assertTrue(ex.getMessage().contains("layer 1 takes 7 inputs but layer 0 gives 8"), ex.getMessage());
    }

    @Test
    void inputCountMustMatchFirstLayer() {
        InvalidModelException ex = assertThrows(InvalidModelException.class,
                () -> twoInputs().layer(layer(3, 1, Activation.IDENTITY)).build());
        assertTrue(ex.getMessage().contains("2 inputs named [a, b] but the first layer takes 3"), ex.getMessage());
    }

    @Test
    void nonFiniteWeightsAreRejectedWithTheirPlace() {
        float[] w = new float[4];
        w[3] = Float.NaN;
        InvalidModelException ex = assertThrows(InvalidModelException.class, () -> twoInputs()
                .layer(new DenseLayer(2, 2, w, new float[2], Activation.TANH))
                .layer(layer(2, 1, Activation.IDENTITY)).build());
        assertTrue(ex.getMessage().contains("layer 0 has a non-finite weight[1][1] = NaN"), ex.getMessage());
        float[] b = {0f, Float.POSITIVE_INFINITY};
        ex = assertThrows(InvalidModelException.class, () -> twoInputs()
                .layer(new DenseLayer(2, 2, new float[4], b, Activation.TANH))
                .layer(layer(2, 1, Activation.IDENTITY)).build());
        assertTrue(ex.getMessage().contains("bias[1] = Infinity"), ex.getMessage());
    }

    @Test
    void weightCountMustMatchShape() {
        InvalidModelException ex = assertThrows(InvalidModelException.class,
                () -> new DenseLayer(3, 2, new float[5], new float[2], Activation.TANH));
        assertTrue(ex.getMessage().contains("needs 6 weights, found 5"), ex.getMessage());
    }

    @Test
    void duplicateNamesAndZeroScalesAreRejected() {
        assertThrows(InvalidModelException.class, () -> Emulator.builder().input(Variable.of("a", "1"))
                .input(Variable.of("a", "1")).output(Variable.of("y", "1")).layer(layer(2, 1, Activation.IDENTITY))
                .build());
        InvalidModelException ex = assertThrows(InvalidModelException.class,
                () -> FeatureAffine.of(new float[] {0, 0}, new float[] {1, 0}, "input normalisation"));
        assertTrue(ex.getMessage().contains("feature 1 has scale 0"), ex.getMessage());
    }

    @Test
    void invertedRangeIsRejected() {
        InvalidModelException ex = assertThrows(InvalidModelException.class,
                () -> new Variable("sm", "m3 m-3", 0.6, 0.0, ""));
        assertTrue(ex.getMessage().contains("'sm'"), ex.getMessage());
    }

    @Test
    void isImmutable() {
        float[] w = {1f, 2f};
        DenseLayer l = new DenseLayer(2, 1, w, new float[1], Activation.IDENTITY);
        w[0] = 99f;
        assertEquals(1f, l.weight(0, 0));
        l.weights()[1] = 99f;
        assertEquals(2f, l.weight(0, 1));
    }
}
