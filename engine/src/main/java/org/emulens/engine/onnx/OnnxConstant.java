package org.emulens.engine.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** A constant tensor of an ONNX graph (an initializer or a Constant node), decoded to doubles. */
record OnnxConstant(long[] dims, double[] values) {

    private static final int FLOAT = 1;
    private static final int INT32 = 6;
    private static final int INT64 = 7;
    private static final int DOUBLE = 11;

    static OnnxConstant decode(TensorProto t, String what) {
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
            throw new IllegalArgumentException(what + " keeps its data in an external file, which is not "
                    + "supported; export the model with its weights embedded");
        }
        long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        long count = 1;
        for (long d : dims) {
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(what + " has an impossible shape " + Arrays.toString(dims));
            }
            count *= d;
            if (count > 64L * 1024 * 1024) {
                throw new IllegalArgumentException(what + " has " + count + "+ elements, more than an MLP emulator "
                        + "layer can have");
            }
        }
        double[] v = new double[(int) count];
        boolean raw = !t.getRawData().isEmpty();
        ByteBuffer bytes = raw ? t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN) : null;
        int typed;
        switch (t.getDataType()) {
            case FLOAT:
                typed = t.getFloatDataCount();
                checkCount(what, v.length, raw ? bytes.remaining() / 4 : typed);
                for (int i = 0; i < v.length; i++) {
                    v[i] = raw ? bytes.getFloat(4 * i) : t.getFloatData(i);
                }
                break;
            case DOUBLE:
                typed = t.getDoubleDataCount();
                checkCount(what, v.length, raw ? bytes.remaining() / 8 : typed);
                for (int i = 0; i < v.length; i++) {
                    v[i] = raw ? bytes.getDouble(8 * i) : t.getDoubleData(i);
                }
                break;
            case INT64:
                typed = t.getInt64DataCount();
                checkCount(what, v.length, raw ? bytes.remaining() / 8 : typed);
                for (int i = 0; i < v.length; i++) {
                    v[i] = raw ? bytes.getLong(8 * i) : t.getInt64Data(i);
                }
                break;
            case INT32:
                typed = t.getInt32DataCount();
                checkCount(what, v.length, raw ? bytes.remaining() / 4 : typed);
                for (int i = 0; i < v.length; i++) {
                    v[i] = raw ? bytes.getInt(4 * i) : t.getInt32Data(i);
                }
                break;
            default:
                throw new IllegalArgumentException(what + " has element type " + t.getDataType()
                        + "; expected float, double, int32 or int64");
        }
        return new OnnxConstant(dims, v);
    }

    private static void checkCount(String what, int expected, int found) {
        if (expected != found) {
            throw new IllegalArgumentException(what + " declares " + expected + " elements but holds " + found);
        }
    }

    static OnnxConstant scalar(double value) {
        return new OnnxConstant(new long[0], new double[] {value});
    }

    static OnnxConstant vector(double[] values) {
        return new OnnxConstant(new long[] {values.length}, values.clone());
    }

    int rank() {
        return dims.length;
    }

    long dim(int i) {
        return dims[i];
    }

    /**
     * This constant as one value per feature of a row of {@code width} features, for element-wise
     * ops: a scalar, a vector of {@code width}, or {@code [1, width]}.
     */
    double[] broadcastToRow(int width, String what) {
        if (values.length == 1) {
            double[] out = new double[width];
            Arrays.fill(out, values[0]);
            return out;
        }
        boolean rowShaped = (rank() == 1 && dims[0] == width) || (rank() == 2 && dims[0] == 1 && dims[1] == width);
        if (!rowShaped) {
            throw new IllegalArgumentException(what + ": constant of shape " + Arrays.toString(dims)
                    + " does not apply per feature to a row of " + width);
        }
        return values.clone();
    }
}
