package org.emulens.engine;

/** A model file (ONNX or sidecar) that cannot be read; the message names the file and what was wrong. */
public class ModelFormatException extends EmulensException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
