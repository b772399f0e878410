package org.emulens.cli.serve;

import org.emulens.engine.EmulensException;

/**
 * A request the server refuses as malformed or out of bounds: answered with HTTP 400 and this message, on
 * one line, saying what was expected and what was found.
 */
final class BadRequestException extends EmulensException {
    private static final long serialVersionUID = 1L;

    BadRequestException(String message) {
        super(message.replace('\n', ' ').replace('\r', ' '));
    }
}
