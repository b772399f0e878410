package org.emulens.kernels.cuda.internal;

import static jcuda.driver.CUevent_flags.CU_EVENT_DISABLE_TIMING;
import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuEventSynchronize;

import jcuda.driver.CUevent;

/** A point in a stream that the host can wait for without waiting for what was queued after it. */
public final class CuEvent extends CuResource {
    private final CUevent event;

    CuEvent(CuContext context, CUevent event) {
        super("CUDA event", context);
        this.event = event;
    }

    static CuEvent create(CuContext context) {
        context.makeCurrent();
        CUevent e = new CUevent();
        CuCalls.check("cuEventCreate", cuEventCreate(e, CU_EVENT_DISABLE_TIMING));
        return new CuEvent(context, e);
    }

    /** Marks the current end of {@code stream}. */
    public void record(CuStream stream) {
        checkOpen();
        context.makeCurrent();
        CuCalls.check("cuEventRecord", cuEventRecord(event, stream.handle()));
    }

    public void await() {
        checkOpen();
        context.makeCurrent();
        CuCalls.check("cuEventSynchronize", cuEventSynchronize(event));
    }

    @Override
    void release() {
        cuEventDestroy(event);
    }
}
