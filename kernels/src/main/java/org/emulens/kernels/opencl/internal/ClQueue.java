package org.emulens.kernels.opencl.internal;

import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clEnqueueWriteBuffer;
import static org.jocl.CL.clFinish;
import static org.jocl.CL.clFlush;
import static org.jocl.CL.clReleaseCommandQueue;

import java.nio.ByteBuffer;
import org.jocl.Pointer;
import org.jocl.cl_command_queue;
import org.jocl.cl_event;

/**
 * An in-order command queue. Non-blocking transfers take direct buffers, which the garbage collector never
 * moves; each returns an event that the caller owns.
 */
public final class ClQueue extends ClResource {
    private final cl_command_queue queue;

    ClQueue(cl_command_queue queue) {
        super("OpenCL command queue");
        this.queue = queue;
    }

    /** Starts a copy of {@code bytes} from host memory to the start of {@code target}. */
    public ClEvent write(ClBuffer target, ByteBuffer source, long bytes, ClEvent... after) {
        checkOpen();
        cl_event e = new cl_event();
        ClCalls.run("clEnqueueWriteBuffer(" + bytes + " bytes)", () -> clEnqueueWriteBuffer(queue, target.mem(),
                false, 0, bytes, Pointer.to(source), after.length, handles(after), e));
        return new ClEvent(e);
    }

    /** Starts a copy of the first {@code bytes} of {@code source} to host memory. */
    public ClEvent read(ClBuffer source, ByteBuffer target, long bytes, ClEvent... after) {
        checkOpen();
        cl_event e = new cl_event();
        ClCalls.run("clEnqueueReadBuffer(" + bytes + " bytes)", () -> clEnqueueReadBuffer(queue, source.mem(),
                false, 0, bytes, Pointer.to(target), after.length, handles(after), e));
        return new ClEvent(e);
    }

    /** Enqueues a 1-D launch of {@code global} work-items in groups of {@code local}. */
    public ClEvent launch(ClKernel kernel, long global, long local, ClEvent... after) {
        checkOpen();
        cl_event e = new cl_event();
        ClCalls.run("clEnqueueNDRangeKernel(" + kernel.name() + ", " + global + " x " + local + ")",
                () -> clEnqueueNDRangeKernel(queue, kernel.handle(), 1, null, new long[] {global},
                        new long[] {local}, after.length, handles(after), e));
        return new ClEvent(e);
    }

    /** Hands the enqueued commands to the device, so that queues feeding each other make progress. */
    public void flush() {
        checkOpen();
        ClCalls.run("clFlush", () -> clFlush(queue));
    }

    public void finish() {
        checkOpen();
        ClCalls.run("clFinish", () -> clFinish(queue));
    }

    private static cl_event[] handles(ClEvent[] events) {
        if (events.length == 0) {
            return null;
        }
        cl_event[] h = new cl_event[events.length];
        for (int i = 0; i < h.length; i++) {
            h[i] = events[i].handle();
        }
        return h;
    }

    @Override
    void release() {
        clReleaseCommandQueue(queue);
    }
}
