package org.emulens.ensemble.uncertainty;

import org.emulens.engine.EmulensException;

/**
 * An uncertainty model or per-cell uncertainty that a user can fix: a negative standard deviation, inverted
 * bounds, a non-positive correlation length, a duplicate input, a correlation matrix that is not positive
 * definite. Messages name the input (and the cell, for per-cell values) and say what was expected and what
 * was found.
 */
public class UncertaintyException extends EmulensException {
    private static final long serialVersionUID = 1L;

    public UncertaintyException(String message) {
        super(message);
    }
}
