package org.emulens.io.study;

import org.emulens.engine.config.ConfigException;

/** A study file that cannot be run as written; the message names the file, the line and what was expected. */
public class StudyConfigException extends ConfigException {
    private static final long serialVersionUID = 1L;

    public StudyConfigException(String message) {
        super(message);
    }
}
