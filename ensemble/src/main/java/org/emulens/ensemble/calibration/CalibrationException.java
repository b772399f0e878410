package org.emulens.ensemble.calibration;

/** A calibration that cannot be set up or run as asked: bad observations, a prior without mass, and so on. */
public class CalibrationException extends RuntimeException {
    public CalibrationException(String message) {
        super(message);
    }

    public CalibrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
