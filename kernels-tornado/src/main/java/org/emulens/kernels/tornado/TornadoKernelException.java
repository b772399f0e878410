package org.emulens.kernels.tornado;

import org.emulens.engine.EmulensException;

/**
 * A TornadoVM kernel could not be compiled for its device, or failed there. TornadoVM would otherwise run such a
 * kernel as sequential Java, slowly and silently; this backend reports it instead.
 */
public class TornadoKernelException extends EmulensException {
    private static final long serialVersionUID = 1L;

    public TornadoKernelException(String message) {
        super(message);
    }

    public TornadoKernelException(String message, Throwable cause) {
        super(message, cause);
    }
}
