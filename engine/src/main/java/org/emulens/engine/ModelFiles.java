package org.emulens.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.emulens.engine.onnx.OnnxImporter;

/** Opens a model file by its kind; today ONNX, with names and units from its sidecar. */
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
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            throw new ModelFormatException(file + ": is a sidecar; give the model file it describes (.onnx)");
        }
        return OnnxImporter.read(file);
    }
}
