package org.emulens.engine.backend;

/**
 * A kind of backend, found through {@link java.util.ServiceLoader}. {@link #probe()} never throws:
 * missing drivers and libraries are reported as {@link Availability#unavailable(String)}.
 */
public interface BackendProvider {

    /** The name users select it by. */
    String name();

    /** Higher wins when the user asks for {@code auto}. */
    int priority();

    Availability probe();

    /**
     * Starts the backend.
     *
     * @throws BackendUnavailableException saying why it cannot start
     */
    Backend open(BackendOptions options);
}
