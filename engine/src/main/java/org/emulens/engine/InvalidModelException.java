package org.emulens.engine;

/** An emulator description that cannot describe a working model: shapes that do not chain, NaN weights, ... */
public class InvalidModelException extends EmulensException {
    private static final long serialVersionUID = 1L;

    public InvalidModelException(String message) {
        super(message);
    }
}
