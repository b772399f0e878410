package org.emulens.ensemble.sensitivity;

import org.emulens.engine.EmulensException;

/**
 * Model outputs that cannot be analysed as given: the wrong number of them, a NaN or infinite output, an output
 * that does not vary. Messages say which row or factor, what was expected and what was found.
 */
public class SensitivityException extends EmulensException {
    private static final long serialVersionUID = 1L;

    public SensitivityException(String message) {
        super(message);
    }
}
