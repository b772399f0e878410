package org.emulens.io.csv;

import org.emulens.engine.EmulensException;

/** A CSV file that does not hold what was asked of it; the message names file, line and column. */
public class CsvFormatException extends EmulensException {
    private static final long serialVersionUID = 1L;

    public CsvFormatException(String message) {
        super(message);
    }

    public CsvFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
