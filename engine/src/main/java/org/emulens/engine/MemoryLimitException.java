package org.emulens.engine;

/** Work that would not fit in the memory the JVM may use, refused before it starts. */
public class MemoryLimitException extends EmulensException {
    private static final long serialVersionUID = 1L;

    public MemoryLimitException(String message) {
        super(message);
    }
}
