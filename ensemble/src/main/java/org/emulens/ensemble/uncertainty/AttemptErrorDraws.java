package org.emulens.ensemble.uncertainty;

import org.emulens.ensemble.rng.MemberDraws;
import org.emulens.ensemble.rng.ReservedStreams;

/**
 * The {@link TotalErrors} of one input of one member in one cell, as {@link MemberPerturber} documents them.
 * A reusable cursor: {@link MemberPerturber} keeps one per thread and aims it at each input in turn, so that
 * perturbing a member allocates nothing. The values it returns depend only on where it is aimed.
 */
final class AttemptErrorDraws implements TotalErrors {
    private long seed;
    private CellUncertainty cell;
    private long member;
    private int slot;
    private int slots;
    private CorrelatedNormals randomNormals;

    void aim(long seed, CellUncertainty cell, long member, int slot) {
        this.seed = seed;
        this.cell = cell;
        this.member = member;
        this.slot = slot;
        this.slots = cell.model().slots();
        this.randomNormals = cell.model().randomNormals();
    }

    @Override
    public float error(int attempt) {
        if (attempt < 0 || attempt >= ATTEMPTS) {
            throw new IllegalArgumentException("attempt: expected 0 <= attempt < " + ATTEMPTS + ", found " + attempt);
        }
        int index = slot + attempt * slots;
        float sdR = cell.sdRandom(slot);
        float sdC = cell.sdCorrelated(slot);
        float sdS = cell.sdSystematic(slot);
        float e = 0f;
        if (sdR > 0f) {
            float z = randomNormals.normal(seed, cell.cell(), member, slot, attempt);
            float term = sdR * z;
            e = e + term;
        }
        if (sdC > 0f) {
            float z = cell.correlatedField(seed, member, slot, index);
            float term = sdC * z;
            e = e + term;
        }
        if (sdS > 0f) {
            float z = MemberDraws.normal(seed, ReservedStreams.SYSTEMATIC, ReservedStreams.SHARED_CELL, member, index);
            float term = sdS * z;
            e = e + term;
        }
        return e;
    }
}
