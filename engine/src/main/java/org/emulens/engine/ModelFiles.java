package org.emulens.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.emulens.engine.gp.GaussianProcessFile;
import org.emulens.engine.onnx.OnnxImporter;

/**
 * Opens a model file by its kind: ONNX (an MLP or a tree ensemble, with names and units from its sidecar)
 * or a Gaussian-process file {@code NAME.gp.yaml}.
 */
public final class ModelFiles {

    private ModelFiles() {
    }

    public static Emulator read(Path file) {
        if (!Files.exists(file)) {
            throw new ModelFormatException(file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new ModelFormatException(file + ": is a folder; expected a model file such as MODEL.onnx");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(GaussianProcessFile.SUFFIX)) {
            return GaussianProcessFile.read(file);
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            throw new ModelFormatException(file + ": is a sidecar; give the model file it describes (.onnx), "
                    + "or name a Gaussian-process file NAME" + GaussianProcessFile.SUFFIX);
        }
        return OnnxImporter.read(file);
    }
}
