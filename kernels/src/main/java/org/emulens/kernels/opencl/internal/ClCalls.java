package org.emulens.kernels.opencl.internal;

import java.util.function.Supplier;
import org.emulens.kernels.opencl.OpenClException;
import org.jocl.CL;
import org.jocl.CLException;

/** Runs JOCL calls with exceptions on, turning a {@link CLException} into a message that says what failed. */
final class ClCalls {
    static {
        CL.setExceptionsEnabled(true);
    }

    private ClCalls() {
    }

    static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (CLException ex) {
            throw new OpenClException(what + " failed: " + CL.stringFor_errorCode(ex.getStatus()), ex);
        }
    }

    static void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    /** Loads JOCL and enables its exceptions; throws {@link LinkageError} without an OpenCL library. */
    static void init() {
        // The static initialiser did the work.
    }
}
