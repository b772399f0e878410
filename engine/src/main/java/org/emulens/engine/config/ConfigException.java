package org.emulens.engine.config;

import org.emulens.engine.EmulensException;

/** A configuration file (sidecar, study) that says something we cannot accept; names file and line. */
public class ConfigException extends EmulensException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
