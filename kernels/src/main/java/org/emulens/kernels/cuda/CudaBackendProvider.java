package org.emulens.kernels.cuda;

import java.util.List;
import org.emulens.engine.backend.Availability;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.BackendProvider;
import org.emulens.kernels.cuda.internal.CuDeviceInfo;
import org.emulens.kernels.cuda.internal.CuDevices;
import org.emulens.kernels.cuda.internal.PtxResources;

/**
 * The CUDA backend: NVIDIA GPUs of compute capability 8.0 or newer through the driver API, running the PTX
 * bundled in this jar, so users need the NVIDIA driver only. Highest priority: {@code auto} prefers it.
 */
public final class CudaBackendProvider implements BackendProvider {
    public static final int PRIORITY = 20;

    @Override
    public String name() {
        return "cuda";
    }

    /** The kernels evaluate dense layers and tree ensembles; Gaussian processes run on the CPU. */
    @Override
    public java.util.Set<org.emulens.engine.ModelFamily> families() {
        return java.util.EnumSet.of(org.emulens.engine.ModelFamily.MLP, org.emulens.engine.ModelFamily.TREE_ENSEMBLE);
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
        return CudaBackend.open(options);
    }

    /** The driver is asked once per JVM. */
    static final class Probe {
        static final Probe INSTANCE = new Probe();

        final Availability availability;

        private Probe() {
            Availability a;
            try {
                a = judge(CuDevices.devices());
            } catch (LinkageError ex) {
                a = Availability.unavailable(linkageReason(ex));
            } catch (RuntimeException ex) {
                a = Availability.unavailable("CUDA driver query failed: " + ex.getMessage());
            }
            this.availability = a;
        }

        private static Availability judge(List<CuDeviceInfo> devices) {
            if (devices.isEmpty()) {
                return Availability.unavailable("no CUDA device (the NVIDIA driver found none)");
            }
            CuDeviceInfo first = devices.get(0);
            String unusable = unusableReason(first);
            if (unusable != null) {
                return Availability.unavailable(unusable);
            }
            return Availability.available(first.describe() + (devices.size() > 1 ? " (device 0 of "
                    + devices.size() + ")" : ""));
        }
    }

    /** What a failure to load JCuda's JNI library means for the user. */
    static String linkageReason(LinkageError ex) {
        String message = String.valueOf(ex.getMessage());
        if (message.contains("libcuda")) {
            return "no NVIDIA driver (libcuda.so.1 not found)";
        }
        return "CUDA bindings could not load (" + ex.getClass().getSimpleName() + ": " + message
                + "); is the NVIDIA driver installed?";
    }

    /** Why the bundled PTX cannot run on {@code d}, or null. */
    static String unusableReason(CuDeviceInfo d) {
        if (PtxResources.resourceFor(d.major(), d.minor()) == null) {
            return "CUDA device " + d.name() + ": expected compute capability 8.0 or newer (the bundled PTX), found "
                    + d.major() + "." + d.minor();
        }
        return null;
    }
}
