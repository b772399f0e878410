package org.emulens.kernels.internal;

import java.util.List;
import org.emulens.kernels.DeviceCellStatistics;

/**
 * The launch loop shared by the backends: enqueue launch i, then fold launch i − 1 while the device works,
 * always folding in schedule order so the result does not depend on timing.
 */
public final class FusedRunner {
    private FusedRunner() {
    }

    public static DeviceCellStatistics[][] run(FusedSchedule schedule, StatisticsLayout layout, int cells,
            PartialsDevice device) {
        DeviceCellStatistics[][] results = layout.emptyResults(cells);
        List<FusedSchedule.Launch> launches = schedule.launches();
        int partials = schedule.maxGroups() * layout.outputs();
        float[] floats = new float[partials * KernelSource.PARTIAL_FLOATS];
        int[] counts = new int[partials * layout.countersPerOutput()];
        for (int i = 0; i < launches.size(); i++) {
            device.enqueue(launches.get(i), i & 1);
            if (i > 0) {
                FusedSchedule.Launch previous = launches.get(i - 1);
                device.await((i - 1) & 1, previous, floats, counts);
                layout.fold(previous, floats, counts, results);
            }
        }
        if (!launches.isEmpty()) {
            FusedSchedule.Launch last = launches.get(launches.size() - 1);
            device.await((launches.size() - 1) & 1, last, floats, counts);
            layout.fold(last, floats, counts, results);
        }
        return results;
    }
}
