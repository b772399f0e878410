package org.emulens.benchmarks.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.emulens.engine.BenchmarkShapes;
import org.emulens.engine.Emulator;
import org.emulens.ensemble.propagation.MemberInputs;
import org.emulens.kernels.CellPerturbation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GaussianStudyTest {

    /** The batched draws are a faster route to MemberPerturber's exact values, not an approximation of them. */
    @ParameterizedTest
    @ValueSource(strings = {"A", "B"})
    void batchedDrawsGiveMemberPerturbersBits(String shape) {
        Emulator e = BenchmarkShapes.byName(shape);
        GaussianStudy study = GaussianStudy.of(e, 5, 99);
        MemberInputs perturber = study.inputs(GaussianStudy.Perturbation.MEMBER_PERTURBER);
        MemberInputs batched = study.inputs(GaussianStudy.Perturbation.BATCHED_DRAWS);
        int d = e.inputCount();
        int count = 3000;
        for (int cell = 0; cell < study.cellCount(); cell++) {
            for (long first : new long[] {0, 1L << 33}) {
                float[] a = new float[(count + 7) * d];
                float[] b = new float[(count + 7) * d];
                perturber.fill(cell, first, count, a, 7);
                batched.fill(cell, first, count, b, 7);
                for (int i = 0; i < a.length; i++) {
                    assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]),
                            "cell " + cell + ", member " + (first + i / d - 7) + ", input " + i % d);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"A", "B"})
    void deviceStudyHasTheSameCellsNominalsAndSds(String shape) {
        Emulator e = BenchmarkShapes.byName(shape);
        GaussianStudy study = GaussianStudy.of(e, 4, 99);
        CellPerturbation device = study.devicePerturbation();
        assertEquals(4, device.cells());
        assertEquals(e.inputCount(), device.inputs());
        // Member 0's perturbed value minus its nominal is sd times a standard normal of at most 5.77 sd.
        float[] row = new float[e.inputCount()];
        study.inputs(GaussianStudy.Perturbation.MEMBER_PERTURBER).fill(2, 0, 1, row, 0);
        for (int i = 0; i < row.length; i++) {
            assertEquals(device.nominal(2, i), row[i], 5.8 * device.sd(2, i));
        }
    }
}
