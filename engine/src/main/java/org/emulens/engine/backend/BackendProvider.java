package org.emulens.engine.backend;

import java.util.EnumSet;
import java.util.Set;
import org.emulens.engine.ModelFamily;

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

    /** The model families this kind of backend can compile; all of them unless it says otherwise. */
    default Set<ModelFamily> families() {
        return EnumSet.allOf(ModelFamily.class);
    }

    /**
     * Starts the backend.
     *
     * @throws BackendUnavailableException saying why it cannot start
     */
    Backend open(BackendOptions options);
}
