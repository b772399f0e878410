package org.emulens.kernels.cuda.internal;

/**
 * A native CUDA object with one owner: released once on close, with its context current, and refusing use
 * after that.
 */
abstract class CuResource implements AutoCloseable {
    private final String what;
    final CuContext context;
    private boolean closed;

    CuResource(String what, CuContext context) {
        this.what = what;
        this.context = context;
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
            if (context != null) {
                context.makeCurrent();
            }
            release();
        }
    }

    abstract void release();
}
