package org.emulens.kernels.cuda;

import org.emulens.engine.EmulensException;

/** A CUDA driver call failed; the message names the call, the CUresult and, where known, what to do. */
public class CudaDriverException extends EmulensException {
    private static final long serialVersionUID = 1L;

    private final int result;

    public CudaDriverException(String message, int result) {
        super(message);
        this.result = result;
    }

    /** The driver's {@code CUresult}. */
    public int result() {
        return result;
    }
}
