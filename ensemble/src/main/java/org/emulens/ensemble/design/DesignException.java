package org.emulens.ensemble.design;

import org.emulens.engine.EmulensException;

/**
 * A problem description or design request that a user can fix: inverted bounds, a non-positive standard
 * deviation, a duplicate factor name, a unit coordinate that an unbounded marginal cannot map to a finite value.
 * Messages name the factor and say what was expected and what was found.
 */
public class DesignException extends EmulensException {
    private static final long serialVersionUID = 1L;

    public DesignException(String message) {
        super(message);
    }

    public DesignException(String message, Throwable cause) {
        super(message, cause);
    }
}
