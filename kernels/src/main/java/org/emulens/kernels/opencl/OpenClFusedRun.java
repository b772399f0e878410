package org.emulens.kernels.opencl;

import java.nio.ByteBuffer;
import java.util.function.BiFunction;
import org.emulens.kernels.CellPerturbation;
import org.emulens.kernels.DeviceCellStatistics;
import org.emulens.kernels.FusedEnsembleRun;
import org.emulens.kernels.FusedRunOptions;
import org.emulens.kernels.MemberDump;
import org.emulens.kernels.internal.FusedArguments;
import org.emulens.kernels.internal.FusedRunner;
import org.emulens.kernels.internal.FusedSchedule;
import org.emulens.kernels.internal.KernelSource;
import org.emulens.kernels.internal.PartialsDevice;
import org.emulens.kernels.internal.StatisticsLayout;
import org.emulens.kernels.internal.WorkGroups;
import org.emulens.kernels.opencl.internal.ClBuffer;
import org.emulens.kernels.opencl.internal.ClContext;
import org.emulens.kernels.opencl.internal.ClEvent;
import org.emulens.kernels.opencl.internal.ClKernel;
import org.emulens.kernels.opencl.internal.ClQueue;
import org.emulens.kernels.opencl.internal.HostBuffers;

/** The fused pass on an OpenCL device; see {@link FusedEnsembleRun}. Calls are serialised. */
final class OpenClFusedRun implements FusedEnsembleRun {
    private final OpenClCompiledEmulator model;
    private final FusedRunOptions options;
    private final StatisticsLayout layout;
    private final ClKernel statistics;
    private final ClKernel members;
    private final ClQueue queue;
    private final ClBuffer histogramEdges;
    private final ClBuffer exceedanceEdges;
    private final int workGroupSize;
    private boolean closed;

    OpenClFusedRun(OpenClCompiledEmulator model, FusedRunOptions options) {
        this.model = model;
        this.options = options;
        this.layout = new StatisticsLayout(options.statistics(), model.emulator().outputCount());
        ClContext context = model.backend().context();
        this.statistics = model.program().kernel(KernelSource.FUSED_STATISTICS);
        this.members = model.program().kernel(KernelSource.FUSED_MEMBERS);
        this.workGroupSize = WorkGroups.choose(options.workGroupSize(), statistics.maxWorkGroupSize());
        long scratch = layout.scratchBytes(workGroupSize);
        long localMemory = model.backend().deviceInfo().localMemory();
        if (scratch > localMemory) {
            close(statistics, members);
            throw new IllegalArgumentException("fused run: the statistics need " + scratch + " bytes of local memory "
                    + "per work-group (work-group size " + workGroupSize + ", " + layout.localCountersPerOutput()
                    + " histogram and exceedance counters per output); expected at most the device's " + localMemory);
        }
        this.queue = context.newQueue();
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
        FusedSchedule schedule = new FusedSchedule(cells.cells(), count, workGroupSize, options.membersPerItem(),
                options.groupsPerLaunch());
        try (CellBuffers cellBuffers = new CellBuffers(cells);
                Partials partials = new Partials(schedule, (launch, buffer) -> cellBuffers.append(
                        model.modelArgs(statistics).i32((int) seed).i32((int) (seed >>> 32)))
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
        ClContext context = model.backend().context();
        try (CellBuffers cellBuffers = new CellBuffers(cells); ClBuffer xOut = context.newBuffer(4L * x.length);
                ClBuffer yOut = context.newBuffer(4L * y.length)) {
            cellBuffers.append(model.modelArgs(members).i32((int) seed).i32((int) (seed >>> 32))).i32(0)
                    .i32(cells.cells()).i64(firstMember).i32(count).buffer(xOut).buffer(yOut).local(4);
            int local = WorkGroups.fromDevice(members.maxWorkGroupSize());
            long global = ((long) items + local - 1) / local * local;
            ByteBuffer xHost = HostBuffers.direct(4L * x.length);
            ByteBuffer yHost = HostBuffers.direct(4L * y.length);
            try (ClEvent launched = queue.launch(members, global, local);
                    ClEvent xRead = queue.read(xOut, xHost, 4L * x.length, launched);
                    ClEvent yRead = queue.read(yOut, yHost, 4L * y.length, launched)) {
                xRead.await();
                yRead.await();
            }
            xHost.asFloatBuffer().get(x);
            yHost.asFloatBuffer().get(y);
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
        queue.close();
        histogramEdges.close();
        exceedanceEdges.close();
        close(statistics, members);
    }

    private static void close(ClKernel... kernels) {
        for (ClKernel k : kernels) {
            k.close();
        }
    }

    /** The cells' RNG ids, error shapes, nominal inputs and sds on the device, for one run. */
    private final class CellBuffers implements AutoCloseable {
        final ClBuffer ids;
        final ClBuffer kinds;
        final ClBuffer bounds;
        final ClBuffer nominal;
        final ClBuffer sd;

        CellBuffers(CellPerturbation cells) {
            ClContext context = model.backend().context();
            this.ids = context.upload(cells.cellIds());
            this.kinds = context.upload(cells.kindCodes());
            this.bounds = context.upload(cells.boundPairs());
            this.nominal = context.upload(cells.nominalRows());
            this.sd = context.upload(cells.sdRows());
        }

        /** Adds the kernels' cell arguments: cell_ids, kinds, bounds, nominal, sd. */
        ClKernel.Args append(ClKernel.Args args) {
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

    /** Two sets of partial buffers, device and host, and the reads in flight: the double buffer. */
    private final class Partials implements PartialsDevice, AutoCloseable {
        private final BiFunction<FusedSchedule.Launch, Integer, ClKernel.Args> runArguments;
        private final ClBuffer[] floats = new ClBuffer[2];
        private final ClBuffer[] counts = new ClBuffer[2];
        private final ByteBuffer[] floatsHost = new ByteBuffer[2];
        private final ByteBuffer[] countsHost = new ByteBuffer[2];
        private final ClEvent[][] pending = new ClEvent[2][];

        /** {@code runArguments} sets a launch's kernel arguments up to the partial buffers, where it leaves off. */
        Partials(FusedSchedule schedule, BiFunction<FusedSchedule.Launch, Integer, ClKernel.Args> runArguments) {
            this.runArguments = runArguments;
            long partials = (long) schedule.maxGroups() * layout.outputs();
            long floatBytes = 4L * partials * KernelSource.PARTIAL_FLOATS;
            long countBytes = 4L * partials * layout.countersPerOutput();
            ClContext context = model.backend().context();
            for (int b = 0; b < 2; b++) {
                floats[b] = context.newBuffer(floatBytes);
                counts[b] = context.newBuffer(countBytes);
                floatsHost[b] = HostBuffers.direct(floatBytes);
                countsHost[b] = HostBuffers.direct(countBytes);
            }
        }

        @Override
        public void enqueue(FusedSchedule.Launch launch, int buffer) {
            runArguments.apply(launch, buffer).buffer(floats[buffer]).buffer(counts[buffer])
                    .local(layout.scratchBytes(workGroupSize));
            long partials = (long) launch.groups() * layout.outputs();
            ClEvent launched = queue.launch(statistics, (long) launch.groups() * workGroupSize, workGroupSize);
            ClEvent f = queue.read(floats[buffer], floatsHost[buffer], 4L * partials * KernelSource.PARTIAL_FLOATS,
                    launched);
            ClEvent c = queue.read(counts[buffer], countsHost[buffer], 4L * partials * layout.countersPerOutput(),
                    launched);
            pending[buffer] = new ClEvent[] {launched, f, c};
            queue.flush();
        }

        @Override
        public void await(int buffer, FusedSchedule.Launch launch, float[] floatsOut, int[] countsOut) {
            ClEvent[] events = pending[buffer];
            events[1].await();
            events[2].await();
            release(buffer);
            int partials = launch.groups() * layout.outputs();
            floatsHost[buffer].clear().asFloatBuffer().get(floatsOut, 0, partials * KernelSource.PARTIAL_FLOATS);
            countsHost[buffer].clear().asIntBuffer().get(countsOut, 0, partials * layout.countersPerOutput());
        }

        private void release(int buffer) {
            if (pending[buffer] != null) {
                for (ClEvent e : pending[buffer]) {
                    e.close();
                }
                pending[buffer] = null;
            }
        }

        @Override
        public void close() {
            // Nothing may still write into the host buffers once they are dropped.
            queue.finish();
            for (int b = 0; b < 2; b++) {
                release(b);
                floats[b].close();
                counts[b].close();
            }
        }
    }
}
