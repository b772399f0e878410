package org.emulens.cli;

import java.io.PrintWriter;
import org.emulens.engine.backend.Availability;
import org.emulens.engine.backend.BackendProvider;
import org.emulens.engine.backend.Backends;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Lists every backend on the class path with its status and the reason when it cannot start. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "List the backends, whether each can run here, and why not.")
final class BackendsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        String auto = null;
        for (BackendProvider p : Backends.providers()) {
            Availability a = p.probe();
            if (auto == null && a.available()) {
                auto = p.name();
            }
            out.printf("%-8s %s%n", p.name(), a.describe());
        }
        out.printf("%-8s %s%n", Backends.AUTO, auto == null ? "no backend can run" : "picks " + auto);
        out.flush();
    }
}
