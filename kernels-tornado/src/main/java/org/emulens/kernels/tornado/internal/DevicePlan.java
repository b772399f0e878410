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
 * task graph sequentially on the host when a kernel does not compile, is refused (see {@link #requireStrictRuntime})
 * and a compilation failure is thrown as a {@link TornadoKernelException} naming the kernel and the device.
 * Kernels for OpenCL devices are built with {@link #OPENCL_FLAGS}.
 */
public final class DevicePlan implements AutoCloseable {
    /** The system property with which TornadoVM decides whether to fall back to sequential Java. */
    public static final String RECOVER_BAILOUT = "tornado.recover.bailout";
    /**
     * The system property with which TornadoVM decides whether to fuse {@code a·b + c} into {@code fma(a, b, c)}
     * (on by default). Fused, a product is not rounded before the sum, so the draws and forward pass would differ
     * from Java's and the C kernels' (built with {@code FP_CONTRACT OFF}) in their last bits.
     */
    public static final String ENABLE_FMA = "tornado.enable.fma";
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
     * Makes sure that TornadoVM in this JVM reports kernels it cannot compile instead of running them as Java
     * ({@value #RECOVER_BAILOUT} off) and computes float arithmetic as Java does ({@value #ENABLE_FMA} off): sets
     * each to {@code False} if nobody has chosen, then checks the values TornadoVM itself read (it reads them once,
     * when its runtime starts).
     *
     * @throws TornadoKernelException if either is on
     */
    public static void requireStrictRuntime() {
        requireOff(RECOVER_BAILOUT, "RECOVER_BAILOUT",
                "TornadoVM would run a kernel it cannot compile as sequential Java");
        requireOff(ENABLE_FMA, "ENABLE_FMA", "TornadoVM would fuse multiply-adds, so results would not be Java's "
                + "float arithmetic");
    }

    private static void requireOff(String property, String field, String why) {
        String chosen = System.getProperty(property);
        if (chosen == null) {
            System.setProperty(property, "False");
        } else if (!"false".equals(chosen.trim().toLowerCase(Locale.ROOT))) {
            throw new TornadoKernelException("-D" + property + "=" + chosen + ": " + why + "; expected -D" + property
                    + "=False");
        }
        Boolean effective = effectiveOption(field);
        if (effective != null && effective) {
            throw new TornadoKernelException("TornadoVM's runtime started with " + property + "=True before this "
                    + "backend could turn it off (" + why + "); start the JVM with -D" + property + "=False");
        }
    }

    /** TornadoVM's own reading of an option, or null if its runtime class cannot be read. */
    private static Boolean effectiveOption(String field) {
        try {
            Class<?> options = Class.forName("uk.ac.manchester.tornado.runtime.common.TornadoOptions");
            return options.getField(field).getBoolean(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
            return null;
        }
    }
}
