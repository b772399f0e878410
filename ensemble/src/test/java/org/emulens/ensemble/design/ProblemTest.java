package org.emulens.ensemble.design;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void builderKeepsFactorOrderAndMapsRows() {
        Problem p = Problem.builder().uniform("a", 0, 10).normal("b", 1, 2).build();
        assertEquals(List.of("a", "b"), p.names());
        assertEquals(2, p.dimensions());
        assertEquals(1, p.indexOf("b"));
        double[][] values = p.valuesAt(new double[][] {{0.5, 0.5}, {0.1, 0.5}});
        assertArrayEquals(new double[] {5, 1}, values[0], 1e-15);
        assertArrayEquals(new double[] {1, 1}, values[1], 1e-15);
    }

    @Test
    void salibDictionaryCarriesOver() {
        Problem p = Problem.fromSalib(List.of("x1", "x2"), new double[][] {{-1, 1}, {0, 2}}, null);
        assertEquals(Problem.of(Factor.uniform("x1", -1, 1), Factor.uniform("x2", 0, 2)), p);
        Problem q = Problem.fromSalib(List.of("x1", "x2"), new double[][] {{-1, 1}, {0, 2}},
                List.of("unif", "norm"));
        assertEquals(new Marginal.Normal(0, 2), q.factor(1).marginal());
    }

    @Test
    void emptyAndDuplicateProblemsAreRejected() {
        assertEquals("problem has no factors, expected at least 1",
                assertThrows(DesignException.class, () -> Problem.builder().build()).getMessage());
        assertEquals("factor 'theta': name used twice, at positions 0 and 2; expected unique names",
                assertThrows(DesignException.class, () -> Problem.builder().uniform("theta", 0, 1)
                        .uniform("b", 0, 1).normal("theta", 0, 1).build()).getMessage());
    }

    @Test
    void mappingErrorsNameRowAndFactor() {
        Problem p = Problem.builder().uniform("a", 0, 1).normal("k", 0, 1).build();
        DesignException e = assertThrows(DesignException.class,
                () -> p.valuesAt(new double[][] {{0.5, 0.5}, {0.5, 0.0}}));
        assertTrue(e.getMessage().startsWith("row 1: factor 'k': unit coordinate 0.0 maps to -Infinity"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.valuesAt(new double[][] {{0.5}}));
        assertThrows(DesignException.class, () -> p.indexOf("nope"));
    }
}
