package org.emulens.kernels;

/**
 * A model prepared for the fused pass on a device: draw each member's inputs, evaluate, and fold the outputs
 * into per-cell statistics, all on the device; only per-(cell, work-group) partial statistics come back,
 * and the host merges them in member order.
 *
 * <p>For a given work-group size and members per work-item the result has the same bits whatever the chunking
 * into launches and however often it is repeated; see docs/GPU.md for what changes with those two settings.
 */
public interface FusedEnsembleRun extends AutoCloseable {

    /** The work-group size the launches use (the option, or the device's choice). */
    int workGroupSize();

    /**
     * Statistics of members {@code [firstMember, firstMember + members)} of every cell of {@code cells}, as
     * {@code [cell slot][model output]}. Results of disjoint member ranges {@link DeviceCellStatistics#combine
     * combine} into those of their union.
     */
    DeviceCellStatistics[][] run(long seed, CellPerturbation cells, long firstMember, long members);

    /** DEBUG: the perturbed inputs and the outputs of members {@code [firstMember, firstMember + members)}. */
    MemberDump members(long seed, CellPerturbation cells, long firstMember, int members);

    @Override
    void close();
}
