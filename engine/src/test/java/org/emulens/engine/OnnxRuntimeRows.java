package org.emulens.engine;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/** ONNX Runtime, the independent implementation the ONNX files are checked against, on rows of inputs. */
public final class OnnxRuntimeRows {
    private OnnxRuntimeRows() {
    }

    /** The model's first output for {@code n} rows of {@code d} inputs, row-major, on one thread. */
    public static float[] run(Path file, float[] x, int n, int d) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(1);
            try (OrtSession s = env.createSession(file.toString(), opts);
                    OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {n, d});
                    OrtSession.Result r = s.run(Map.of(s.getInputNames().iterator().next(), t))) {
                float[][] out = (float[][]) r.get(0).getValue();
                int k = out[0].length;
                float[] flat = new float[n * k];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(out[i], 0, flat, i * k, k);
                }
                return flat;
            }
        }
    }
}
