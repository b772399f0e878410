package org.emulens.kernels.tornado;

import org.emulens.engine.backend.TanhMode;
import org.emulens.kernels.CellPerturbation;
import org.emulens.kernels.DeviceCellStatistics;
import org.emulens.kernels.FusedEnsembleRun;
import org.emulens.kernels.FusedRunOptions;
import org.emulens.kernels.MemberDump;
import org.emulens.kernels.internal.StatisticsLayout;
import org.emulens.kernels.tornado.internal.DevicePlan;
import org.emulens.kernels.tornado.internal.FusedKernels;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.LongArray;

/**
 * The fused pass on TornadoVM. One launch has up to {@code groupsPerLaunch × workGroupSize()} work-items (as many
 * as a C kernel's launch has, at most {@value #MAX_ITEMS_PER_LAUNCH}, which bounds the activations' scratch in
 * device memory; TornadoVM chooses the work-groups' shape itself), each with {@code membersPerItem} consecutive
 * members of one cell; a launch takes as many cells as its work-items cover. Each work-item writes one partial
 * per output (Welford in float, as the C kernels' work-items do); the host folds a cell's partials in ascending
 * member order with {@link DeviceCellStatistics}, in double. Partials are per work-item, not per work-group, so
 * the work-group size does not enter the results, and item boundaries fall at
 * {@code firstMember + i·membersPerItem} whatever the launch size, so a run's result has the same bits however it
 * is chunked or repeated.
 *
 * <p>Perturbation: every {@link CellPerturbation.Kind}, as the C kernels.
 */
final class TornadoFusedRun implements FusedEnsembleRun {
    static final int MAX_ITEMS_PER_LAUNCH = 1 << 16;
    private final TornadoCompiledEmulator model;
    private final FusedRunOptions options;
    private final StatisticsLayout layout;
    private final int capacity;
    private final int inputs;
    private final int outputs;
    private final LongArray control;
    private final IntArray kinds;
    private final FloatArray bounds;
    private final FloatArray nominal;
    private final FloatArray sd;
    private final IntArray cellIds;
    private final FloatArray moments;
    private final IntArray counts;
    private final DevicePlan plan;
    private boolean closed;

    TornadoFusedRun(TornadoCompiledEmulator model, FusedRunOptions options) {
        this.model = model;
        this.options = options;
        this.inputs = model.emulator().inputCount();
        this.outputs = model.emulator().outputCount();
        this.layout = new StatisticsLayout(options.statistics(), outputs);
        this.capacity = (int) Math.min((long) options.groupsPerLaunch() * workGroupSize(), MAX_ITEMS_PER_LAUNCH);
        int perOutput = FusedKernels.PARTIAL_FIXED_COUNTERS + layout.localCountersPerOutput();
        this.control = new LongArray(FusedKernels.CONTROL_WORDS);
        control.init(0L);
        control.set(FusedKernels.C_MEMBERS_PER_ITEM, options.membersPerItem());
        control.set(FusedKernels.C_HISTOGRAM_BINS, layout.histogramBins());
        control.set(FusedKernels.C_THRESHOLDS, layout.thresholdCount());
        control.set(FusedKernels.C_TANH_FAST, model.tanhMode() == TanhMode.FAST ? 1 : 0);
        control.set(FusedKernels.C_MAX_WIDTH, model.maxWidth());
        this.kinds = new IntArray(Math.max(inputs, 1));
        this.bounds = new FloatArray(Math.max(2 * inputs, 1));
        // Rows for as many cells as one launch can hold (one work-item each at least).
        this.nominal = new FloatArray(capacity * Math.max(inputs, 1));
        this.sd = new FloatArray(capacity * Math.max(inputs, 1));
        this.cellIds = new IntArray(capacity);
        FloatArray histogramEdges = nonEmpty(layout.histogramEdges());
        FloatArray exceedanceEdges = nonEmpty(layout.exceedanceEdges());
        FloatArray scratch = new FloatArray(capacity * 2 * model.maxWidth());
        this.moments = new FloatArray(capacity * outputs * FusedKernels.PARTIAL_FLOATS);
        this.counts = new IntArray(capacity * outputs * perOutput);
        TaskGraph graph = new TaskGraph("emulensFused" + System.identityHashCode(this))
                .transferToDevice(DataTransferMode.FIRST_EXECUTION, model.descriptor(), model.parameters(),
                        model.alphas(), histogramEdges, exceedanceEdges, scratch)
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, control, kinds, bounds, nominal, sd, cellIds)
                .task("fused", FusedKernels::fused, model.descriptor(), model.parameters(), model.alphas(), kinds,
                        bounds, nominal, sd, cellIds, control, histogramEdges, exceedanceEdges, scratch, moments,
                        counts, capacity)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, moments, counts);
        this.plan = new DevicePlan("fused pass of '" + model.emulator().name() + "'", graph,
                model.backend().tornadoDevice());
    }

    private static FloatArray nonEmpty(float[] values) {
        return FloatArray.fromArray(values.length == 0 ? new float[] {Float.NaN} : values);
    }

    @Override
    public int workGroupSize() {
        return options.workGroupSize() == 0 ? 1 : options.workGroupSize();
    }

    @Override
    public synchronized DeviceCellStatistics[][] run(long seed, CellPerturbation cells, long firstMember,
            long members) {
        checkOpen();
        check(cells, firstMember, members);
        DeviceCellStatistics[][] results = layout.emptyResults(cells.cells());
        long end = firstMember + members;
        int perItem = options.membersPerItem();
        int perOutput = FusedKernels.PARTIAL_FIXED_COUNTERS + layout.localCountersPerOutput();
        setShapes(cells);
        control.set(FusedKernels.C_SEED, seed);
        control.set(FusedKernels.C_END_MEMBER, end);
        // A cell's members split into launches of at most capacity·perItem; when a cell needs fewer work-items
        // than a launch holds, one launch takes several cells, so that small member counts still fill the device.
        long perLaunch = (long) capacity * perItem;
        for (long start = firstMember; start < end; start += perLaunch) {
            long launchMembers = Math.min(perLaunch, end - start);
            int itemsPerCell = (int) ((launchMembers + perItem - 1) / perItem);
            int cellsPerLaunch = Math.max(1, capacity / itemsPerCell);
            control.set(FusedKernels.C_FIRST_MEMBER, start);
            control.set(FusedKernels.C_ITEMS_PER_CELL, itemsPerCell);
            for (int first = 0; first < cells.cells(); first += cellsPerLaunch) {
                int count = Math.min(cellsPerLaunch, cells.cells() - first);
                for (int c = 0; c < count; c++) {
                    cellIds.set(c, cells.cellId(first + c));
                    for (int i = 0; i < inputs; i++) {
                        nominal.set(c * inputs + i, cells.nominal(first + c, i));
                        sd.set(c * inputs + i, cells.sd(first + c, i));
                    }
                }
                control.set(FusedKernels.C_ACTIVE_ITEMS, (long) count * itemsPerCell);
                plan.execute();
                for (int c = 0; c < count; c++) {
                    fold(c * itemsPerCell, itemsPerCell, perOutput, results[first + c]);
                }
            }
        }
        return results;
    }

    /** Adds the partials of work-items {@code from .. from + items − 1}, in order, to one cell's statistics. */
    private void fold(int from, int items, int perOutput, DeviceCellStatistics[] cell) {
        int[] counters = new int[perOutput];
        for (int item = from; item < from + items; item++) {
            for (int j = 0; j < outputs; j++) {
                int f = (item * outputs + j) * FusedKernels.PARTIAL_FLOATS;
                int c = (item * outputs + j) * perOutput;
                for (int s = 0; s < perOutput; s++) {
                    counters[s] = counts.get(c + s);
                }
                cell[j].addPartial(Integer.toUnsignedLong(counters[0]), Integer.toUnsignedLong(counters[1]),
                        moments.get(f), moments.get(f + 1), moments.get(f + 2), moments.get(f + 3), counters,
                        FusedKernels.PARTIAL_FIXED_COUNTERS);
            }
        }
    }

    @Override
    public synchronized MemberDump members(long seed, CellPerturbation cells, long firstMember, int members) {
        checkOpen();
        check(cells, firstMember, members);
        int n = cells.cells() * members;
        if (n == 0) {
            return new MemberDump(cells.cells(), members, inputs, outputs, new float[0], new float[0]);
        }
        LongArray dumpControl = new LongArray(FusedKernels.CONTROL_WORDS);
        dumpControl.init(0L);
        dumpControl.set(FusedKernels.C_SEED, seed);
        dumpControl.set(FusedKernels.C_FIRST_MEMBER, firstMember);
        dumpControl.set(FusedKernels.C_MEMBERS_PER_ITEM, members);
        dumpControl.set(FusedKernels.C_ACTIVE_ITEMS, n);
        dumpControl.set(FusedKernels.C_TANH_FAST, model.tanhMode() == TanhMode.FAST ? 1 : 0);
        dumpControl.set(FusedKernels.C_MAX_WIDTH, model.maxWidth());
        IntArray cellIds = IntArray.fromArray(cells.cellIds());
        FloatArray allNominal = FloatArray.fromArray(nonEmptyRows(cells.nominalRows()));
        FloatArray allSd = FloatArray.fromArray(nonEmptyRows(cells.sdRows()));
        FloatArray x = new FloatArray(Math.max(n * inputs, 1));
        FloatArray y = new FloatArray(n * outputs);
        FloatArray scratch = new FloatArray(n * 2 * model.maxWidth());
        TaskGraph graph = new TaskGraph("emulensDump" + System.identityHashCode(this))
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, model.descriptor(), model.parameters(),
                        model.alphas(), kinds, bounds, allNominal, allSd, cellIds, dumpControl, scratch)
                .task("dump", FusedKernels::dumpMembers, model.descriptor(), model.parameters(), model.alphas(), kinds,
                        bounds, allNominal, allSd, cellIds, dumpControl, x, y, scratch, n)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, x, y);
        setShapes(cells);
        try (DevicePlan dump = new DevicePlan("member dump of '" + model.emulator().name() + "'", graph,
                model.backend().tornadoDevice())) {
            dump.execute();
        }
        float[] xs = new float[n * inputs];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = x.get(i);
        }
        return new MemberDump(cells.cells(), members, inputs, outputs, xs, y.toHeapArray());
    }

    /** Each input's kind code and (lower, upper) bounds, into the arrays every launch uploads. */
    private void setShapes(CellPerturbation cells) {
        int[] kindCodes = cells.kindCodes();
        float[] pairs = cells.boundPairs();
        for (int i = 0; i < inputs; i++) {
            kinds.set(i, kindCodes[i]);
            bounds.set(2 * i, pairs[2 * i]);
            bounds.set(2 * i + 1, pairs[2 * i + 1]);
        }
    }

    private static float[] nonEmptyRows(float[] rows) {
        return rows.length == 0 ? new float[] {0f} : rows;
    }

    private void check(CellPerturbation cells, long firstMember, long members) {
        if (cells == null) {
            throw new IllegalArgumentException("cells: expected a CellPerturbation, found null");
        }
        if (cells.inputs() != inputs) {
            throw new IllegalArgumentException("cells: expected " + inputs + " inputs (the model's), found "
                    + cells.inputs());
        }
        if (firstMember < 0 || members < 0 || firstMember > Long.MAX_VALUE - members) {
            throw new IllegalArgumentException("members: expected firstMember >= 0 and members >= 0 within 2^63, "
                    + "found " + firstMember + " and " + members);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("fused run of '" + model.emulator().name() + "' is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        plan.close();
    }
}
