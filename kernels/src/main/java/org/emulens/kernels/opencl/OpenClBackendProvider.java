package org.emulens.kernels.opencl;

import java.util.List;
import org.emulens.engine.backend.Availability;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.BackendProvider;
import org.emulens.kernels.opencl.internal.ClDeviceInfo;
import org.emulens.kernels.opencl.internal.ClPlatforms;

/**
 * The OpenCL backend: any OpenCL 1.2 device whose float division and square root can be correctly rounded.
 * {@code auto} prefers it to the CPU backend when its first device is a GPU or an accelerator; an OpenCL
 * driver for the CPU (PoCL) runs the same kernels, which is how they are tested anywhere, but the Java CPU
 * backend is the better choice there, so it then ranks below {@code cpu} and is used only when named.
 */
public final class OpenClBackendProvider implements BackendProvider {
    /** Priority with a GPU or accelerator: above the CPU backend (0), below CUDA. */
    public static final int PRIORITY = 10;
    /** Priority when the first OpenCL device is a CPU. */
    public static final int CPU_DEVICE_PRIORITY = -10;

    @Override
    public String name() {
        return "opencl";
    }

    /** The kernels evaluate dense layers and tree ensembles; Gaussian processes run on the CPU. */
    @Override
    public java.util.Set<org.emulens.engine.ModelFamily> families() {
        return java.util.EnumSet.of(org.emulens.engine.ModelFamily.MLP, org.emulens.engine.ModelFamily.TREE_ENSEMBLE);
    }

    @Override
    public int priority() {
        Probe p = Probe.INSTANCE;
        return p.devices.isEmpty() || !p.devices.get(0).isGpuOrAccelerator() ? CPU_DEVICE_PRIORITY : PRIORITY;
    }

    @Override
    public Availability probe() {
        return Probe.INSTANCE.availability;
    }

    @Override
    public Backend open(BackendOptions options) {
        return OpenClBackend.open(options);
    }

    /** Devices are looked up once per JVM: drivers do not come and go while it runs. */
    static final class Probe {
        static final Probe INSTANCE = new Probe();

        final List<ClDeviceInfo> devices;
        final Availability availability;

        private Probe() {
            List<ClDeviceInfo> found = List.of();
            Availability a;
            try {
                found = ClPlatforms.devices();
                a = judge(found);
            } catch (LinkageError ex) {
                a = Availability.unavailable("no OpenCL driver (libOpenCL.so not found or not loadable: "
                        + ex.getMessage() + ")");
            } catch (RuntimeException ex) {
                a = Availability.unavailable("OpenCL query failed: " + ex.getMessage());
            }
            this.devices = found;
            this.availability = a;
        }

        private static Availability judge(List<ClDeviceInfo> devices) {
            if (devices.isEmpty()) {
                return Availability.unavailable("no OpenCL device (the ICD loader found no platform with a device)");
            }
            ClDeviceInfo first = devices.get(0);
            String unusable = unusableReason(first);
            if (unusable != null) {
                return Availability.unavailable(unusable);
            }
            return Availability.available(first.describe() + (devices.size() > 1 ? " (device 0 of "
                    + devices.size() + ")" : ""));
        }
    }

    /** Why the kernels cannot run on {@code d} as the contract requires, or null. */
    static String unusableReason(ClDeviceInfo d) {
        if (!d.correctlyRoundedDivideSqrt()) {
            return "OpenCL device " + d.name() + " cannot round float division and square root correctly "
                    + "(no CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT), which the reproducible random draws need";
        }
        return null;
    }
}
