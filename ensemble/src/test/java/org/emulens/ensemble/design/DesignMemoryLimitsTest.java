package org.emulens.ensemble.design;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emulens.engine.MemoryLimitException;
import org.junit.jupiter.api.Test;

/** A design too big for the heap is refused before anything is allocated, saying what it needs and what to do. */
class DesignMemoryLimitsTest {
    private static final int HUGE = Integer.MAX_VALUE;

    @Test
    void aLatinHypercubeTooBigForTheHeapIsRefused() {
        MemoryLimitException ex = assertThrows(MemoryLimitException.class,
                () -> LatinHypercube.seeded(1000, 1).sample(HUGE));
        assertTrue(ex.getMessage().startsWith("a Latin hypercube of 2,147,483,647 points x 1000 dimensions needs "
                + "about 16048.0 GiB of memory") && ex.getMessage().contains("ask for fewer points")
                && ex.getMessage().contains("EMULENS_JAVA_OPTS=-Xmx"), ex.getMessage());
    }

    @Test
    void sequencesTooBigForTheHeapAreRefusedWithHowToChunk() {
        MemoryLimitException sobol = assertThrows(MemoryLimitException.class,
                () -> SobolSequence.scrambled(64, 1).sample(0, HUGE));
        assertTrue(sobol.getMessage().startsWith("a Sobol' sequence of 2,147,483,647 points x 64 dimensions needs about")
                && sobol.getMessage().contains("a range at a time"), sobol.getMessage());
        MemoryLimitException mc = assertThrows(MemoryLimitException.class,
                () -> MonteCarloDesign.seeded(64, 1).sample(0, HUGE));
        assertTrue(mc.getMessage().contains("a range at a time"), mc.getMessage());
    }
}
