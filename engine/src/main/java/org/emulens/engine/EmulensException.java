package org.emulens.engine;

/** Root of the unchecked exceptions Emulens throws for problems a user can fix. */
public class EmulensException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EmulensException(String message) {
        super(message);
    }

    public EmulensException(String message, Throwable cause) {
        super(message, cause);
    }
}
