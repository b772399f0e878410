package org.emulens.kernels.opencl.internal;

/** A native OpenCL object with one owner: released once on close, and refusing use after that. */
abstract class ClResource implements AutoCloseable {
    private final String what;
    private boolean closed;

    ClResource(String what) {
        this.what = what;
    }

    final void checkOpen() {
        if (closed) {
            throw new IllegalStateException(what + " is closed");
        }
    }

    @Override
    public final synchronized void close() {
        if (!closed) {
            closed = true;
            release();
        }
    }

    /** Releases the native object; called once. */
    abstract void release();
}
