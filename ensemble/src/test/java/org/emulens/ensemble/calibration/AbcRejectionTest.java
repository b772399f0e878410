package org.emulens.ensemble.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.cpu.CpuBackend;
import org.junit.jupiter.api.Test;

class AbcRejectionTest {
    @Test
    void keepsExactlyTheClosestDrawsWhateverTheBatch() {
        Prior prior = BetaCase.prior();
        try (CpuBackend backend = new CpuBackend(1);
                CompiledEmulator c = backend.compile(BetaCase.model(), TanhMode.FAST)) {
            ModelAtObservations model = new ModelAtObservations(c, "beta", prior.names(), BetaCase.observations(), 1 << 12);
            ObservationErrors errors = ObservationErrors.of(BetaCase.synthetic(model, new double[] {0.1, 0.3}, 5, 0),
                    BetaCase.SYSTEMATIC_SD, BetaCase.EMULATOR_SD, 0, 0);
            AbcRejection.Result all = AbcRejection.run(prior, model, errors, 2000, 1.0, 8, 300, Progress.NONE);
            assertEquals(2000, all.accepted().length);
            double[] sorted = all.distances().clone();
            Arrays.sort(sorted);
            AbcRejection.Result some = AbcRejection.run(prior, model, errors, 2000, 0.05, 8, 700, Progress.NONE);
            assertEquals(100, some.accepted().length);
            assertEquals(sorted[99], some.epsilon(), 0);
            // the kept draws are, in sampling order, those of the full run with distance <= epsilon
            int k = 0;
            for (int i = 0; i < 2000; i++) {
                if (all.distances()[i] <= some.epsilon()) {
                    assertArrayEquals(all.accepted()[i], some.accepted()[k]);
                    assertEquals(all.distances()[i], some.distances()[k++], 0);
                }
            }
            assertEquals(100, k);
        }
    }
}
