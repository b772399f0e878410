package org.emulens.kernels.opencl.internal;

import static org.jocl.CL.clReleaseEvent;
import static org.jocl.CL.clWaitForEvents;

import org.jocl.cl_event;

/** Completion of one enqueued command. */
public final class ClEvent extends ClResource {
    private final cl_event event;

    ClEvent(cl_event event) {
        super("OpenCL event");
        this.event = event;
    }

    public void await() {
        checkOpen();
        ClCalls.run("clWaitForEvents", () -> clWaitForEvents(1, new cl_event[] {event}));
    }

    cl_event handle() {
        checkOpen();
        return event;
    }

    @Override
    void release() {
        clReleaseEvent(event);
    }
}
