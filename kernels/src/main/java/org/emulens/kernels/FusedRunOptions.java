package org.emulens.kernels;

import org.emulens.ensemble.stats.StatisticsSpec;

/**
 * Settings of a fused run.
 *
 * @param statistics      which statistics to keep: moments are always computed; a histogram and exceedance
 *                        counts when the spec has them. Quantiles need every member's value, which the fused
 *                        pass never keeps, so a spec with them is refused.
 * @param workGroupSize   work-items per group, a power of two; 0 lets the backend choose from the device
 * @param membersPerItem  members each work-item evaluates per launch; a work-group serves
 *                        {@code workGroupSize × membersPerItem} consecutive members of one cell
 * @param groupsPerLaunch most work-groups in one launch, which bounds device memory for partials and the
 *                        time of one launch, whatever the member count
 */
public record FusedRunOptions(StatisticsSpec statistics, int workGroupSize, int membersPerItem, int groupsPerLaunch) {
    /** Members per work-item unless told otherwise: enough work per item to amortise the reduction. */
    public static final int DEFAULT_MEMBERS_PER_ITEM = 16;
    /** Work-groups per launch unless told otherwise: fills a large GPU several times over. */
    public static final int DEFAULT_GROUPS_PER_LAUNCH = 4096;

    public FusedRunOptions {
        if (statistics == null) {
            throw new IllegalArgumentException("statistics: expected a StatisticsSpec, found null");
        }
        if (statistics.hasQuantileSketch() || statistics.hasExactQuantiles()) {
            throw new IllegalArgumentException("statistics: quantiles need every member's value, which the fused "
                    + "pass never keeps; expected moments, histogram and exceedance only, found " + statistics);
        }
        if (workGroupSize < 0 || (workGroupSize & (workGroupSize - 1)) != 0) {
            throw new IllegalArgumentException("workGroupSize: expected 0 (device's choice) or a power of two, found "
                    + workGroupSize);
        }
        if (membersPerItem < 1) {
            throw new IllegalArgumentException("membersPerItem: expected a positive count, found " + membersPerItem);
        }
        if (groupsPerLaunch < 1) {
            throw new IllegalArgumentException("groupsPerLaunch: expected a positive count, found " + groupsPerLaunch);
        }
        if ((long) Math.max(workGroupSize, 1) * membersPerItem > 1 << 24) {
            throw new IllegalArgumentException("workGroupSize x membersPerItem: expected at most 2^24 members per "
                    + "work-group (counted exactly in float), found " + (long) workGroupSize * membersPerItem);
        }
    }

    /** The defaults for {@code statistics}: device-chosen work-group size. */
    public static FusedRunOptions of(StatisticsSpec statistics) {
        return new FusedRunOptions(statistics, 0, DEFAULT_MEMBERS_PER_ITEM, DEFAULT_GROUPS_PER_LAUNCH);
    }

    public FusedRunOptions withWorkGroupSize(int size) {
        return new FusedRunOptions(statistics, size, membersPerItem, groupsPerLaunch);
    }

    public FusedRunOptions withMembersPerItem(int count) {
        return new FusedRunOptions(statistics, workGroupSize, count, groupsPerLaunch);
    }

    public FusedRunOptions withGroupsPerLaunch(int count) {
        return new FusedRunOptions(statistics, workGroupSize, membersPerItem, count);
    }
}
