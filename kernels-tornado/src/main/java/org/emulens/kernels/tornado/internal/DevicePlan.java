package org.emulens.kernels.tornado.internal;

import java.util.Locale;
import org.emulens.kernels.tornado.TornadoKernelException;
import uk.ac.manchester.tornado.api.ImmutableTaskGraph;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.TornadoVMBackendType;
import uk.ac.manchester.tornado.api.exceptions.TornadoBailoutRuntimeException;
import uk.ac.manchester.tornado.api.exceptions.TornadoExecutionPlanException;
import uk.ac.manchester.tornado.api.exceptions.TornadoInternalError;

/**
 * One TornadoVM execution plan, built once (task graph → immutable snapshot → plan) and executed many times;
 * closing it frees its device memory. It never runs a kernel as Java: TornadoVM's own fallback, which runs the
 * task graph sequentially on the host when a kernel does not compile, is refused (see {@link #requireNoFallback})
 * and a compilation failure is thrown as a {@link TornadoKernelException} naming the kernel and the device.
 * Kernels for OpenCL devices are built with {@link #OPENCL_FLAGS}.
 */
public final class DevicePlan implements AutoCloseable {
    /** The system property with which TornadoVM decides whether to fall back to sequential Java. */
    public static final String RECOVER_BAILOUT = "tornado.recover.bailout";
    /**
     * OpenCL build options: IEEE arithmetic, not TornadoVM's default {@code -cl-fast-relaxed-math}, which lets the
     * compiler assume there are no NaNs (so NaN members would be neither kept nor counted) and relax rounding;
     * and correctly rounded float division and square root, as the OpenCL backend requires of its devices.
     */
    public static final String OPENCL_FLAGS = "-cl-fp32-correctly-rounded-divide-sqrt -w";

    private final String what;
    private final TornadoDevice device;
    private final TornadoExecutionPlan plan;
    private boolean closed;

    /** Snapshots {@code graph} and makes its plan on {@code device}; nothing is compiled yet. */
    public DevicePlan(String what, TaskGraph graph, TornadoDevice device) {
        this.what = what;
        this.device = device;
        try {
            ImmutableTaskGraph snapshot = graph.snapshot();
            this.plan = new TornadoExecutionPlan(snapshot).withDevice(device)
                    .withCompilerFlags(TornadoVMBackendType.OPENCL, OPENCL_FLAGS);
        } catch (RuntimeException | TornadoInternalError ex) {
            throw new TornadoKernelException(what + ": TornadoVM could not prepare the task graph for "
                    + device.getPhysicalDevice().getDeviceName() + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Runs the plan once (compiling its kernels on the first run).
     *
     * @throws TornadoKernelException if a kernel cannot be compiled for the device or fails there
     */
    public void execute() {
        if (closed) {
            throw new IllegalStateException(what + ": this plan is closed");
        }
        try {
            plan.execute();
        } catch (TornadoBailoutRuntimeException ex) {
            throw new TornadoKernelException(what + ": TornadoVM could not compile the kernel for "
                    + device.getPhysicalDevice().getDeviceName() + " and would have run it as sequential Java, which "
                    + "this backend refuses: " + ex.getMessage(), ex);
        } catch (TornadoInternalError ex) {
            throw new TornadoKernelException(what + ": TornadoVM could not compile the kernel for "
                    + device.getPhysicalDevice().getDeviceName() + " (" + ex.getMessage() + "); with its fallback on it would have "
                    + "run it as sequential Java, which this backend refuses", ex);
        } catch (RuntimeException ex) {
            throw new TornadoKernelException(what + " on " + device.getPhysicalDevice().getDeviceName()
                    + " failed: " + ex, ex);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            plan.close();
        } catch (TornadoExecutionPlanException ex) {
            throw new TornadoKernelException(what + ": freeing its device memory failed: " + ex.getMessage(), ex);
        }
    }

    /**
     * Makes sure that TornadoVM in this JVM reports kernels it cannot compile instead of running them as Java:
     * sets {@value #RECOVER_BAILOUT} to {@code False} if nobody has chosen, then checks the value TornadoVM
     * itself read (it reads it once, when its runtime starts).
     *
     * @throws TornadoKernelException if the fallback is enabled
     */
    public static void requireNoFallback() {
        String chosen = System.getProperty(RECOVER_BAILOUT);
        if (chosen == null) {
            System.setProperty(RECOVER_BAILOUT, "False");
        } else if (!"false".equals(chosen.trim().toLowerCase(Locale.ROOT))) {
            throw new TornadoKernelException("-D" + RECOVER_BAILOUT + "=" + chosen + ": TornadoVM would run a kernel "
                    + "it cannot compile as sequential Java; expected -D" + RECOVER_BAILOUT + "=False");
        }
        Boolean effective = effectiveRecoverBailout();
        if (effective != null && effective) {
            throw new TornadoKernelException("TornadoVM's runtime started with " + RECOVER_BAILOUT + "=True before "
                    + "this backend could turn it off; start the JVM with -D" + RECOVER_BAILOUT + "=False");
        }
    }

    /** TornadoVM's own reading of the option, or null if its runtime class cannot be read. */
    private static Boolean effectiveRecoverBailout() {
        try {
            Class<?> options = Class.forName("uk.ac.manchester.tornado.runtime.common.TornadoOptions");
            return options.getField("RECOVER_BAILOUT").getBoolean(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
            return null;
        }
    }
}
