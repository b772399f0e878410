package org.emulens.kernels.opencl;

import org.emulens.engine.EmulensException;

/** An OpenCL call failed; the message names the call, the error and what it was doing. */
public class OpenClException extends EmulensException {
    private static final long serialVersionUID = 1L;

    public OpenClException(String message) {
        super(message);
    }

    public OpenClException(String message, Throwable cause) {
        super(message, cause);
    }
}
