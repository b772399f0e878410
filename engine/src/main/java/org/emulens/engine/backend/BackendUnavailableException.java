package org.emulens.engine.backend;

import org.emulens.engine.EmulensException;

/** A backend the user asked for by name cannot start; the message says why. */
public class BackendUnavailableException extends EmulensException {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message) {
        super(message);
    }

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
