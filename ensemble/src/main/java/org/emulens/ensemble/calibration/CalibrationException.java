package org.emulens.ensemble.calibration;

import org.emulens.engine.EmulensException;

/** A calibration that cannot be set up or run as asked: bad observations, a prior without mass, and so on. */
public class CalibrationException extends EmulensException {
    private static final long serialVersionUID = 1L;

    public CalibrationException(String message) {
        super(message);
    }

    public CalibrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
