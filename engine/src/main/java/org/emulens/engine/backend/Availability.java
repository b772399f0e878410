package org.emulens.engine.backend;

/**
 * What {@link BackendProvider#probe()} found: a usable device, or the reason there is none
 * ("no NVIDIA driver (libcuda.so.1 not found)").
 */
public record Availability(boolean available, String device, String reason) {

    public static Availability available(String device) {
        return new Availability(true, device, "");
    }

    public static Availability unavailable(String reason) {
        return new Availability(false, "", reason);
    }

    /** One line for {@code emulens backends}. */
    public String describe() {
        return available ? "available: " + device : "unavailable: " + reason;
    }
}
