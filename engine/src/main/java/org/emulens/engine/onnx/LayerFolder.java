package org.emulens.engine.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.emulens.engine.Activation;
import org.emulens.engine.DenseLayer;
import org.emulens.engine.FeatureAffine;

/**
 * Turns a chain of ONNX operations on one row into the canonical emulator form: input
 * normalisation, dense layers, output de-normalisation.
 *
 * <p>Element-wise operations with constants are gathered into a pending per-feature affine map
 * {@code v -> s*v + o}, kept in double so that folding does not lose digits. Where the pending map
 * ends up depends on what comes next: before any layer it becomes the input normalisation; after an
 * open linear map and before its activation it folds into that layer's output; after an activation
 * it folds into the next layer's weights; at the end it becomes the output de-normalisation.
 * A matrix product with no activation before the next matrix product stays a layer of its own with
 * an identity activation, so the arithmetic is the file's, not a re-association of it.
 */
final class LayerFolder {
    private final List<DenseLayer> layers = new ArrayList<>();
    private int width;
    private boolean started;
    private FeatureAffine inputNormalisation;

    /** The open linear map y = W x + b, row-major [out][in], not yet closed by an activation. */
    private double[] openW;
    private double[] openB;
    private int openIn;

    private double[] scale;
    private double[] offset;

    LayerFolder(int inputWidth) {
        this.width = inputWidth;
        resetPending();
    }

    int width() {
        return width;
    }

    void add(double[] c) {
        for (int i = 0; i < width; i++) {
            offset[i] += c[i];
        }
    }

    /** {@code v - c}, or {@code c - v} when {@code constantFirst}. */
    void subtract(double[] c, boolean constantFirst) {
        for (int i = 0; i < width; i++) {
            if (constantFirst) {
                scale[i] = -scale[i];
                offset[i] = c[i] - offset[i];
            } else {
                offset[i] -= c[i];
            }
        }
    }

    void multiply(double[] c) {
        for (int i = 0; i < width; i++) {
            scale[i] *= c[i];
            offset[i] *= c[i];
        }
    }

    void divide(double[] c, String what) {
        for (int i = 0; i < width; i++) {
            if (c[i] == 0) {
                throw new IllegalArgumentException(what + ": divides feature " + i + " by zero");
            }
            scale[i] /= c[i];
            offset[i] /= c[i];
        }
    }

    /** A matrix product {@code y = W x + b}; {@code w} row-major {@code [out][in]}. */
    void linear(double[] w, double[] b, int in, int out, String what) {
        if (in != width) {
            throw new IllegalArgumentException(what + ": takes " + in + " features but the row has " + width);
        }
        if (openW != null) {
            close(Activation.IDENTITY);
        }
        double[] fw = w.clone();
        double[] fb = b.clone();
        if (!started) {
            takeInputNormalisation();
        } else if (hasPending()) {
            for (int j = 0; j < out; j++) {
                double shift = 0;
                for (int k = 0; k < in; k++) {
                    shift += w[j * in + k] * offset[k];
                    fw[j * in + k] = w[j * in + k] * scale[k];
                }
                fb[j] = b[j] + shift;
            }
        }
        openW = fw;
        openB = fb;
        openIn = in;
        width = out;
        started = true;
        resetPending();
    }

    void activation(Activation a) {
        if (openW == null) {
            if (!started) {
                takeInputNormalisation();
            }
            // An activation straight after another (or on the input): an explicit diagonal layer.
            double[] w = new double[width * width];
            for (int i = 0; i < width; i++) {
                w[i * width + i] = 1;
            }
            openW = w;
            openB = new double[width];
            openIn = width;
            started = true;
        }
        close(a);
    }

    Result finish() {
        if (!started) {
            throw new IllegalArgumentException("the graph has no dense layer (no Gemm or MatMul)");
        }
        if (openW != null) {
            double[] s = scale;
            double[] o = offset;
            resetPending();
            close(Activation.IDENTITY);
            scale = s;
            offset = o;
        }
        return new Result(inputNormalisation, List.copyOf(layers), toAffine(offset, scale));
    }

    record Result(FeatureAffine inputNormalisation, List<DenseLayer> layers, FeatureAffine outputDenormalisation) {
    }

    private void close(Activation a) {
        int out = openB.length;
        float[] w = new float[openW.length];
        float[] b = new float[out];
        for (int j = 0; j < out; j++) {
            for (int k = 0; k < openIn; k++) {
                w[j * openIn + k] = (float) (openW[j * openIn + k] * scale[j]);
            }
            b[j] = (float) (openB[j] * scale[j] + offset[j]);
        }
        layers.add(new DenseLayer(openIn, out, w, b, a));
        openW = null;
        openB = null;
        resetPending();
    }

    /** z = s*x + o is (x - offset) / scale with scale = 1/s and offset = -o/s. */
    private void takeInputNormalisation() {
        float[] off = new float[width];
        float[] sc = new float[width];
        for (int i = 0; i < width; i++) {
            if (scale[i] == 0) {
                throw new IllegalArgumentException("input feature " + i + " is multiplied by zero before the "
                        + "first layer");
            }
            sc[i] = (float) (1 / scale[i]);
            off[i] = (float) (-offset[i] / scale[i]);
        }
        inputNormalisation = FeatureAffine.of(off, sc, "input normalisation");
        resetPending();
    }

    private boolean hasPending() {
        for (int i = 0; i < width; i++) {
            if (scale[i] != 1 || offset[i] != 0) {
                return true;
            }
        }
        return false;
    }

    private void resetPending() {
        scale = new double[width];
        offset = new double[width];
        Arrays.fill(scale, 1);
    }

    private static FeatureAffine toAffine(double[] offset, double[] scale) {
        float[] o = new float[offset.length];
        float[] s = new float[scale.length];
        for (int i = 0; i < o.length; i++) {
            o[i] = (float) offset[i];
            s[i] = (float) scale[i];
        }
        return FeatureAffine.of(o, s, "output de-normalisation");
    }
}
