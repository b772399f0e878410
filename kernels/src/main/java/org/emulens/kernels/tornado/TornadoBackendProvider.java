package org.emulens.kernels.tornado;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import org.emulens.engine.backend.Availability;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.BackendProvider;
import org.emulens.engine.backend.BackendUnavailableException;

/**
 * The TornadoVM backend, as seen from the default build: it references no TornadoVM class. The backend itself
 * ({@value #IMPLEMENTATION}) is compiled only by the {@code tornado} Maven profile, which is active when
 * {@code TORNADOVM_HOME} points at an installed SDK, and lives in the {@code emulens-kernels-tornado} jar; this
 * provider finds it reflectively. Without the SDK it reports {@value #SDK_NOT_FOUND} and never throws.
 *
 * <p>It ranks below the CPU backend: {@code auto} never picks it, so it runs only when named.
 */
public final class TornadoBackendProvider implements BackendProvider {
    /** The reason given when {@code TORNADOVM_HOME} is unset or does not hold an SDK. */
    public static final String SDK_NOT_FOUND = "SDK not found (set TORNADOVM_HOME)";
    /** The profile-built backend class, with {@code static Availability probeDevice()} and {@code static open}. */
    public static final String IMPLEMENTATION = "org.emulens.kernels.tornado.TornadoBackend";
    /** Below the CPU backend (0): used only when asked for by name. */
    public static final int PRIORITY = -20;
    /** A folder every TornadoVM SDK has: the jars of its modules. */
    static final String SDK_MARKER_DIRECTORY = "share/java/tornado";

    @Override
    public String name() {
        return "tornado";
    }

    /** The kernels evaluate dense layers; Gaussian processes run on the CPU. */
    @Override
    public java.util.Set<org.emulens.engine.ModelFamily> families() {
        return java.util.EnumSet.of(org.emulens.engine.ModelFamily.MLP);
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Availability probe() {
        return Probe.INSTANCE.availability;
    }

    @Override
    public Backend open(BackendOptions options) {
        Availability a = probe();
        if (!a.available()) {
            throw new BackendUnavailableException("backend 'tornado' cannot start: " + a.reason());
        }
        try {
            Method open = implementation(getClass().getClassLoader()).getMethod("open", BackendOptions.class);
            return (Backend) open.invoke(null, options);
        } catch (InvocationTargetException ex) {
            Throwable cause = ex.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new BackendUnavailableException("backend 'tornado' cannot start: " + cause, cause);
        } catch (ReflectiveOperationException ex) {
            throw new BackendUnavailableException("backend 'tornado' cannot start: " + ex, ex);
        }
    }

    /**
     * What the probe reports for an SDK location {@code tornadoHome} (the value of {@code TORNADOVM_HOME}, or null)
     * and the classes {@code loader} sees. Never throws.
     */
    static Availability judge(String tornadoHome, ClassLoader loader) {
        if (tornadoHome == null || tornadoHome.isBlank()) {
            return Availability.unavailable(SDK_NOT_FOUND);
        }
        Path home;
        try {
            home = Path.of(tornadoHome);
        } catch (RuntimeException ex) {
            return Availability.unavailable(SDK_NOT_FOUND);
        }
        if (!Files.isDirectory(home.resolve(SDK_MARKER_DIRECTORY))) {
            return Availability.unavailable(SDK_NOT_FOUND);
        }
        Class<?> impl;
        try {
            impl = implementation(loader);
        } catch (ClassNotFoundException | LinkageError ex) {
            return Availability.unavailable("TornadoVM SDK found at " + home + ", but the emulens-kernels-tornado jar "
                    + "is not on the class path (build with TORNADOVM_HOME set and Maven on JDK 25, which enables the "
                    + "tornado profile, and run with scripts/emulens, which adds the jar)");
        }
        try {
            Method probe = impl.getMethod("probeDevice");
            return (Availability) probe.invoke(null);
        } catch (InvocationTargetException ex) {
            return Availability.unavailable("TornadoVM probe failed: " + ex.getCause());
        } catch (ReflectiveOperationException | LinkageError ex) {
            return Availability.unavailable("TornadoVM runtime not loaded in this JVM (start it with the SDK's "
                    + "tornado-argfile, e.g. java @$TORNADOVM_HOME/tornado-argfile ...): " + ex);
        }
    }

    private static Class<?> implementation(ClassLoader loader) throws ClassNotFoundException {
        return Class.forName(IMPLEMENTATION, true, loader);
    }

    /** The SDK is looked up once per JVM: it does not come and go while the JVM runs. */
    static final class Probe {
        static final Probe INSTANCE = new Probe();

        final Availability availability;

        private Probe() {
            Availability a;
            try {
                a = judge(System.getenv("TORNADOVM_HOME"), TornadoBackendProvider.class.getClassLoader());
            } catch (RuntimeException | LinkageError ex) {
                a = Availability.unavailable("TornadoVM probe failed: " + ex);
            }
            this.availability = a;
        }
    }
}
