package org.emulens.benchmarks.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.emulens.engine.Emulator;

/**
 * ONNX Runtime's forward pass of a model on inputs prepared in advance: every batch's input tensor is built
 * (in direct memory, so that ONNX Runtime reads it in place) before anything is timed, and only
 * {@code session.run} is timed. This is the comparison the performance target names: ONNX Runtime's forward
 * pass alone, without drawing, perturbing or summarising anything.
 *
 * <p>Only loaded when ONNX Runtime is on the class path; {@link #available()} says whether it is.
 */
public final class OrtForwardPass implements AutoCloseable {
    private final OrtSession session;
    private final String inputName;
    private final List<OnnxTensor> batches = new ArrayList<>();
    private final int[] batchRows;
    private final int outputs;

    /**
     * A session over {@code model} (an ONNX graph) with {@code threads} intra-op threads and every graph
     * optimisation on, and the tensors of {@code members} rows of {@code inputs} in batches of {@code batch}.
     */
    public OrtForwardPass(byte[] model, Emulator e, int threads, float[] inputs, int members, int batch) {
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(threads);
                options.setInterOpNumThreads(1);
                options.setOptimizationLevel(OptLevel.ALL_OPT);
                this.session = env.createSession(model, options);
            }
            this.inputName = session.getInputNames().iterator().next();
            this.outputs = e.outputCount();
            int d = e.inputCount();
            int count = (members + batch - 1) / batch;
            this.batchRows = new int[count];
            for (int b = 0; b < count; b++) {
                int rows = Math.min(batch, members - b * batch);
                batchRows[b] = rows;
                FloatBuffer direct = ByteBuffer.allocateDirect(4 * rows * d).order(ByteOrder.nativeOrder())
                        .asFloatBuffer();
                direct.put(inputs, b * batch * d, rows * d).rewind();
                batches.add(OnnxTensor.createTensor(env, direct, new long[] {rows, d}));
            }
        } catch (OrtException ex) {
            close();
            throw new IllegalStateException("ONNX Runtime could not prepare the model: " + ex.getMessage(), ex);
        }
    }

    /** Whether ONNX Runtime's Java API is on the class path. */
    public static boolean available() {
        try {
            Class.forName("ai.onnxruntime.OrtEnvironment", false, OrtForwardPass.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError ex) {
            return false;
        }
    }

    /** ONNX Runtime's version, from its jar. */
    public static String version() {
        String v = OrtEnvironment.class.getPackage().getImplementationVersion();
        return v == null ? OrtEnvironment.getEnvironment().getVersion() : v;
    }

    public int batches() {
        return batchRows.length;
    }

    public int rows(int batch) {
        return batchRows[batch];
    }

    /** Runs batch {@code b}; with {@code out} non-null, copies its outputs there at row {@code firstRow}. */
    public void run(int b, float[] out, int firstRow) {
        try (OrtSession.Result r = session.run(Map.of(inputName, batches.get(b)))) {
            if (out != null) {
                FloatBuffer y = ((OnnxTensor) r.get(0)).getFloatBuffer();
                y.get(out, firstRow * outputs, batchRows[b] * outputs);
            }
        } catch (OrtException ex) {
            throw new IllegalStateException("ONNX Runtime failed on batch " + b + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public void close() {
        for (OnnxTensor t : batches) {
            t.close();
        }
        batches.clear();
        if (session != null) {
            try {
                session.close();
            } catch (OrtException ex) {
                throw new IllegalStateException("ONNX Runtime could not close its session: " + ex.getMessage(), ex);
            }
        }
    }
}
