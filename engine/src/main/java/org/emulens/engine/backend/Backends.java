package org.emulens.engine.backend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.emulens.engine.ModelFamily;

/** Finds backends through {@link ServiceLoader} and opens the one asked for. */
public final class Backends {
    public static final String AUTO = "auto";

    private Backends() {
    }

    /** All providers on the class path, highest priority first. */
    public static List<BackendProvider> providers() {
        List<BackendProvider> list = new ArrayList<>();
        ServiceLoader.load(BackendProvider.class).forEach(list::add);
        list.sort(Comparator.comparingInt(BackendProvider::priority).reversed()
                .thenComparing(BackendProvider::name));
        return list;
    }

    /** The names a user may give, {@code auto} first. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(AUTO);
        providers().forEach(p -> names.add(p.name()));
        return names;
    }

    /**
     * Opens the named backend. A named backend that cannot start is an error naming the reason;
     * {@code auto} takes the highest-priority available one.
     */
    public static Backend open(String name, BackendOptions options) {
        return open(name, options, null);
    }

    /**
     * As {@link #open(String, BackendOptions)} for a model of {@code family}: {@code auto} takes the
     * highest-priority available backend that compiles that family, and a named backend that does not is
     * an error saying so. A null family accepts any backend.
     */
    public static Backend open(String name, BackendOptions options, ModelFamily family) {
        List<BackendProvider> providers = providers();
        if (AUTO.equals(name)) {
            for (BackendProvider p : providers) {
                if ((family == null || p.families().contains(family)) && p.probe().available()) {
                    return p.open(options);
                }
            }
            throw new BackendUnavailableException("no backend is available: " + providers.stream()
                    .map(p -> p.name() + " (" + p.probe().reason() + ")").collect(Collectors.joining(", ")));
        }
        for (BackendProvider p : providers) {
            if (p.name().equals(name)) {
                if (family != null && !p.families().contains(family)) {
                    throw new BackendUnavailableException("backend '" + name + "' does not run " + family.description()
                            + " emulators; it runs " + p.families().stream().map(ModelFamily::description).toList());
                }
                Availability a = p.probe();
                if (!a.available()) {
                    throw new BackendUnavailableException("backend '" + name + "' cannot start: " + a.reason());
                }
                return p.open(options);
            }
        }
        throw new BackendUnavailableException("unknown backend '" + name + "': expected one of " + names());
    }
}
