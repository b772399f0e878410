package org.emulens.cli;

import java.util.Locale;
import org.emulens.engine.backend.TanhMode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Parsing of option values shared by several commands, with usage errors that list what is allowed. */
final class Options {
    private Options() {
    }

    static TanhMode tanhMode(CommandSpec spec, String value) {
        try {
            return TanhMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            throw new ParameterException(spec.commandLine(), "--tanh: expected exact or fast, found '" + value + "'");
        }
    }
}
