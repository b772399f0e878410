package org.emulens.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ActivationTest {

    @Test
    void valuesMatchTheirDefinitions() {
        // Analytic values: sigmoid(0) = 1/2, softplus(0) = ln 2, elu(-1) = alpha (1/e - 1), tanh(atanh(0.5)) = 0.5.
        assertEquals(0.5f, Activation.SIGMOID.apply(0f));
        assertEquals((float) Math.log(2), Activation.SOFTPLUS.apply(0f));
        assertEquals((float) (0.7 * (Math.exp(-1) - 1)), Activation.elu(0.7f).apply(-1f), 1e-7f);
        assertEquals(0.5f, Activation.TANH.apply((float) (0.5 * Math.log(3))), 1e-7f);
        assertEquals(0f, Activation.RELU.apply(-3f));
        assertEquals(3f, Activation.RELU.apply(3f));
        assertEquals(-2.5f, Activation.IDENTITY.apply(-2.5f));
    }

    @Test
    void nanPropagatesThroughEveryActivation() {
        for (Activation.Kind k : Activation.Kind.values()) {
            Activation a = k == Activation.Kind.ELU ? Activation.elu(1f) : new Activation(k, 0f);
            assertTrue(Float.isNaN(a.apply(Float.NaN)), k.name());
        }
    }

    @Test
    void softplusNeitherOverflowsNorLosesSmallValues() {
        assertEquals(1000f, Activation.SOFTPLUS.apply(1000f));
        // log(1 + e^-100) = e^-100 to double precision, far below float's smallest normal: it must be > 0.
        assertTrue(Activation.SOFTPLUS.apply(-80f) > 0f);
        assertEquals((float) Math.exp(-80), Activation.SOFTPLUS.apply(-80f), 1e-40f);
    }

    @Test
    void parseKnowsTheSupportedNamesAndNamesTheUnknownOne() {
        assertEquals(Activation.TANH, Activation.parse("Tanh"));
        assertEquals(Activation.elu(1f), Activation.parse("elu"));
        InvalidModelException ex = assertThrows(InvalidModelException.class, () -> Activation.parse("swish"));
        assertTrue(ex.getMessage().contains("'swish'"), ex.getMessage());
        assertTrue(ex.getMessage().contains("tanh"), ex.getMessage());
    }
}
