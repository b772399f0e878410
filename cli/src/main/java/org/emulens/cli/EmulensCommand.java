package org.emulens.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code emulens} command. Exit codes: 0 ok, 1 error, 2 usage. */
@Command(name = "emulens", mixinStandardHelpOptions = true, versionProvider = EmulensCommand.Version.class,
        description = "Runs emulators of the JULES land-surface model over large perturbed-input ensembles.",
        subcommands = {InfoCommand.class, BackendsCommand.class, EvalCommand.class, SampleCommand.class,
                SobolCommand.class, RunCommand.class, SeasonCommand.class, GppCommand.class, ValidateCommand.class,
                CalibrateCommand.class, ServeCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class EmulensCommand implements Runnable {
    static final int EXIT_ERROR = 1;
    static final int EXIT_USAGE = 2;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. 'emulens info MODEL'");
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line with the given streams; returns the exit code. Tests call this. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        EmulensCommand root = new EmulensCommand();
        CommandLine cl = new CommandLine(root);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(ex -> EXIT_ERROR);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("emulens: " + ex.getMessage());
            CommandLine failed = ex.getCommandLine();
            err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, failed, parsed) -> {
            err.println("emulens: error: " + oneLine(ex));
            if (root.verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return EXIT_ERROR;
        });
        return cl.execute(args);
    }

    private static String oneLine(Exception ex) {
        String m = ex.getMessage();
        if (m == null || m.isBlank()) {
            m = ex.getClass().getSimpleName();
        } else if (!(ex instanceof org.emulens.engine.EmulensException)) {
            // An unexpected failure: keep its type, it is the only clue without --verbose.
            m = ex.getClass().getSimpleName() + ": " + m;
        }
        return m.replace('\n', ' ');
    }

    /** The version from the jar manifest, written by the build. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = EmulensCommand.class.getPackage().getImplementationVersion();
            return new String[] {"emulens " + (v == null ? "(development build)" : v),
                    "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " "
                            + System.getProperty("os.arch")};
        }
    }
}
