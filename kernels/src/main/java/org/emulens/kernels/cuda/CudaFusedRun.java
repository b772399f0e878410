package org.emulens.kernels.cuda;

import java.util.function.BiFunction;
import org.emulens.kernels.CellPerturbation;
import org.emulens.kernels.DeviceCellStatistics;
import org.emulens.kernels.FusedEnsembleRun;
import org.emulens.kernels.FusedRunOptions;
import org.emulens.kernels.MemberDump;
import org.emulens.kernels.cuda.internal.CuArgs;
import org.emulens.kernels.cuda.internal.CuBuffer;
import org.emulens.kernels.cuda.internal.CuContext;
import org.emulens.kernels.cuda.internal.CuEvent;
import org.emulens.kernels.cuda.internal.CuFunction;
import org.emulens.kernels.cuda.internal.CuPinned;
import org.emulens.kernels.cuda.internal.CuStream;
import org.emulens.kernels.internal.FusedArguments;
import org.emulens.kernels.internal.FusedRunner;
import org.emulens.kernels.internal.FusedSchedule;
import org.emulens.kernels.internal.KernelSource;
import org.emulens.kernels.internal.PartialsDevice;
import org.emulens.kernels.internal.StatisticsLayout;
import org.emulens.kernels.internal.WorkGroups;

/** The fused pass on a CUDA device; see {@link FusedEnsembleRun}. Calls are serialised. */
final class CudaFusedRun implements FusedEnsembleRun {
    private final CudaCompiledEmulator model;
    private final FusedRunOptions options;
    private final StatisticsLayout layout;
    private final CuFunction statistics;
    private final CuFunction members;
    private final CuStream stream;
    private final CuBuffer histogramEdges;
    private final CuBuffer exceedanceEdges;
    private final int workGroupSize;
    private final long scratchBytes;
    private final boolean stage;
    private boolean closed;

    CudaFusedRun(CudaCompiledEmulator model, FusedRunOptions options) {
        this.model = model;
        this.options = options;
        this.layout = new StatisticsLayout(options.statistics(), model.emulator().outputCount());
        CudaBackend backend = model.backend();
        this.statistics = backend.module().function(KernelSource.FUSED_STATISTICS);
        this.members = backend.module().function(KernelSource.FUSED_MEMBERS);
        this.workGroupSize = WorkGroups.choose(options.workGroupSize(), statistics.maxThreadsPerBlock());
        long scratch = layout.scratchBytes(workGroupSize);
        int shared = backend.deviceInfo().sharedPerBlock();
        if (scratch > shared) {
            throw new IllegalArgumentException("fused run: the statistics need " + scratch + " bytes of shared memory "
                    + "per block (block size " + workGroupSize + ", " + layout.localCountersPerOutput()
                    + " histogram and exceedance counters per output); expected at most the device's " + shared);
        }
        this.stage = model.stageParams(scratch);
        this.scratchBytes = scratch + (stage ? model.paramBytes() : 0);
        CuContext context = backend.context();
        this.stream = context.stream();
        this.histogramEdges = context.upload(layout.histogramEdges());
        this.exceedanceEdges = context.upload(layout.exceedanceEdges());
    }

    @Override
    public int workGroupSize() {
        return workGroupSize;
    }

    @Override
    public synchronized DeviceCellStatistics[][] run(long seed, CellPerturbation cells, long firstMember, long count) {
        checkOpen();
        FusedArguments.checkRun(cells, model.emulator().inputCount(), firstMember, count);
        model.backend().context().makeCurrent();
        FusedSchedule schedule = new FusedSchedule(cells.cells(), count, workGroupSize, options.membersPerItem(),
                options.groupsPerLaunch());
        try (CellBuffers cellBuffers = new CellBuffers(cells);
                Partials partials = new Partials(schedule, (launch, buffer) -> cellBuffers.append(
                        model.modelArgs(stage).i32((int) seed).i32((int) (seed >>> 32)))
                        .i32(launch.cellBase()).i64(firstMember)
                        .i64(firstMember + count).i32((int) launch.firstGroup()).i32(launch.groupsPerCell())
                        .i32(options.membersPerItem()).buffer(histogramEdges).i32(layout.histogramBins())
                        .buffer(exceedanceEdges).i32(layout.thresholdCount()))) {
            return FusedRunner.run(schedule, layout, cells.cells(), partials);
        }
    }

    @Override
    public synchronized MemberDump members(long seed, CellPerturbation cells, long firstMember, int count) {
        checkOpen();
        int d = model.emulator().inputCount();
        int k = model.emulator().outputCount();
        FusedArguments.checkDump(cells, d, k, firstMember, count);
        int items = cells.cells() * count;
        float[] x = new float[items * d];
        float[] y = new float[items * k];
        if (items == 0) {
            return new MemberDump(cells.cells(), count, d, k, x, y);
        }
        CuContext context = model.backend().context();
        boolean stageHere = model.stageParams(0);
        int threads = WorkGroups.fromDevice(members.maxThreadsPerBlock());
        try (CellBuffers cellBuffers = new CellBuffers(cells); CuBuffer xOut = context.allocate(4L * x.length);
                CuBuffer yOut = context.allocate(4L * y.length); CuPinned xHost = context.pinned(4L * x.length);
                CuPinned yHost = context.pinned(4L * y.length)) {
            CuArgs args = cellBuffers.append(model.modelArgs(stageHere).i32((int) seed).i32((int) (seed >>> 32)))
                    .i32(0).i32(cells.cells()).i64(firstMember).i32(count).buffer(xOut).buffer(yOut);
            stream.launch(members, ((long) items + threads - 1) / threads, threads,
                    stageHere ? model.paramBytes() : 0, args);
            stream.download(xHost, xOut, 4L * x.length);
            stream.download(yHost, yOut, 4L * y.length);
            stream.synchronize();
            xHost.buffer().asFloatBuffer().get(x);
            yHost.buffer().asFloatBuffer().get(y);
            return new MemberDump(cells.cells(), count, d, k, x, y);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this fused run is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stream.close();
        histogramEdges.close();
        exceedanceEdges.close();
    }

    /** The cells' RNG ids, error shapes, nominal inputs and sds on the device, for one run. */
    private final class CellBuffers implements AutoCloseable {
        final CuBuffer ids;
        final CuBuffer kinds;
        final CuBuffer bounds;
        final CuBuffer nominal;
        final CuBuffer sd;

        CellBuffers(CellPerturbation cells) {
            CuContext context = model.backend().context();
            this.ids = context.upload(cells.cellIds());
            this.kinds = context.upload(cells.kindCodes());
            this.bounds = context.upload(cells.boundPairs());
            this.nominal = context.upload(cells.nominalRows());
            this.sd = context.upload(cells.sdRows());
        }

        /** Adds the kernels' cell arguments: cell_ids, kinds, bounds, nominal, sd. */
        CuArgs append(CuArgs args) {
            return args.buffer(ids).buffer(kinds).buffer(bounds).buffer(nominal).buffer(sd);
        }

        @Override
        public void close() {
            ids.close();
            kinds.close();
            bounds.close();
            nominal.close();
            sd.close();
        }
    }

    /**
     * Two sets of partial buffers, device and pinned host. One stream runs launch, copy, launch, copy, ...; an
     * event after each copy lets the host wait for that launch alone while the next one runs.
     */
    private final class Partials implements PartialsDevice, AutoCloseable {
        private final BiFunction<FusedSchedule.Launch, Integer, CuArgs> runArguments;
        private final CuBuffer[] floats = new CuBuffer[2];
        private final CuBuffer[] counts = new CuBuffer[2];
        private final CuPinned[] floatsHost = new CuPinned[2];
        private final CuPinned[] countsHost = new CuPinned[2];
        private final CuEvent[] copied = new CuEvent[2];

        /** {@code runArguments} gives a launch's kernel arguments up to the partial buffers. */
        Partials(FusedSchedule schedule, BiFunction<FusedSchedule.Launch, Integer, CuArgs> runArguments) {
            this.runArguments = runArguments;
            long partials = (long) schedule.maxGroups() * layout.outputs();
            long floatBytes = 4L * partials * KernelSource.PARTIAL_FLOATS;
            long countBytes = 4L * partials * layout.countersPerOutput();
            CuContext context = model.backend().context();
            for (int b = 0; b < 2; b++) {
                floats[b] = context.allocate(floatBytes);
                counts[b] = context.allocate(countBytes);
                floatsHost[b] = context.pinned(floatBytes);
                countsHost[b] = context.pinned(countBytes);
                copied[b] = context.event();
            }
        }

        @Override
        public void enqueue(FusedSchedule.Launch launch, int buffer) {
            CuArgs args = runArguments.apply(launch, buffer).buffer(floats[buffer]).buffer(counts[buffer]);
            stream.launch(statistics, launch.groups(), workGroupSize, scratchBytes, args);
            long partials = (long) launch.groups() * layout.outputs();
            stream.download(floatsHost[buffer], floats[buffer], 4L * partials * KernelSource.PARTIAL_FLOATS);
            stream.download(countsHost[buffer], counts[buffer], 4L * partials * layout.countersPerOutput());
            copied[buffer].record(stream);
        }

        @Override
        public void await(int buffer, FusedSchedule.Launch launch, float[] floatsOut, int[] countsOut) {
            copied[buffer].await();
            int partials = launch.groups() * layout.outputs();
            floatsHost[buffer].buffer().asFloatBuffer().get(floatsOut, 0, partials * KernelSource.PARTIAL_FLOATS);
            countsHost[buffer].buffer().asIntBuffer().get(countsOut, 0, partials * layout.countersPerOutput());
        }

        @Override
        public void close() {
            stream.synchronize();
            for (int b = 0; b < 2; b++) {
                floats[b].close();
                counts[b].close();
                floatsHost[b].close();
                countsHost[b].close();
                copied[b].close();
            }
        }
    }
}
