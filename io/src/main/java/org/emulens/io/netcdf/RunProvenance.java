package org.emulens.io.netcdf;

import java.util.LinkedHashMap;
import java.util.Map;
import org.emulens.engine.Emulator;
import org.emulens.engine.backend.Backend;

/**
 * The global attributes every Emulens output opens with, so that any file says which build, backend,
 * device and model produced it; callers add their own (seed, members, inputs) to the map returned.
 */
public final class RunProvenance {
    private RunProvenance() {
    }

    /** {@code emulens_version}, {@code emulens_backend} and {@code emulens_device}, in a map kept in order. */
    public static Map<String, String> of(Backend backend) {
        Map<String, String> p = new LinkedHashMap<>();
        String version = RunProvenance.class.getPackage().getImplementationVersion();
        p.put("emulens_version", version == null ? "development build" : version);
        p.put("emulens_backend", backend.name());
        p.put("emulens_device", backend.device());
        return p;
    }

    /** Adds {@code emulens_model} (name and where it was read from) and {@code emulens_model_sha256}. */
    public static void putModel(Map<String, String> provenance, Emulator model, Object source) {
        provenance.put("emulens_model", model.name() + " (" + source + ")");
        provenance.put("emulens_model_sha256", model.hash());
    }
}
