package org.emulens.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.emulens.cli.serve.EmulensServer;
import org.emulens.engine.ModelFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A local web page for a model (sliders and live ensembles) or a study output (clickable maps). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Start a local web server for MODEL (a page with a slider and an sd per input, showing the "
                + "output's ensemble distribution and the inputs' Sobol' indices as they change) or for "
                + "STUDY-OUTPUT.nc, an output of 'emulens run' (its maps, clickable for a cell's statistics).",
                "Listens on localhost unless --bind says otherwise; Ctrl-C stops it."})
final class ServeCommand implements Runnable {
    @Parameters(paramLabel = "MODEL|STUDY-OUTPUT.nc", description = "Model file (.onnx) or study output (.nc).")
    Path target;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "N",
            description = "Port to listen on; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on. Anything but a loopback address lets other machines run "
                    + "ensembles here. Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--backend", defaultValue = "cpu", paramLabel = "NAME",
            description = "Backend for the model's ensembles (see 'emulens backends'). Default: ${DEFAULT-VALUE}.")
    String backend;

    // fast by default, unlike the batch commands: the page must answer while a slider moves, the rational
    // tanh is about five times quicker on the CPU, and its error (< 5e-7) is far below any emulator's own
    @Option(names = "--tanh", defaultValue = "fast", paramLabel = "MODE",
            description = "exact, or fast (rational approximation, |error| < 5e-7). Default: ${DEFAULT-VALUE}.")
    String tanh;

    @Option(names = "--members", defaultValue = "100000", paramLabel = "N",
            description = "Members per ensemble unless the page asks for another count. Default: ${DEFAULT-VALUE}.")
    long members;

    @Option(names = "--max-members", defaultValue = "1000000", paramLabel = "N",
            description = "Most members a request may ask for. Default: ${DEFAULT-VALUE}.")
    long maxMembers;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of every draw. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N", description = "CPU threads per ensemble, 0 = all cores.")
    int threads;

    @Option(names = "--concurrent-runs", defaultValue = "2", paramLabel = "N",
            description = "Ensembles run at once; more requests wait. Default: ${DEFAULT-VALUE}.")
    int concurrentRuns;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port: expected 0 to 65535, found " + port);
        }
        if (members < 2 || members > maxMembers) {
            throw new ParameterException(spec.commandLine(), "--members: expected 2 to --max-members (" + maxMembers
                    + "), found " + members);
        }
        if (threads < 0 || concurrentRuns < 1) {
            throw new ParameterException(spec.commandLine(), "--threads: expected 0 or more, --concurrent-runs: 1 or "
                    + "more; found " + threads + " and " + concurrentRuns);
        }
        if (!Files.isRegularFile(target)) {
            throw new ParameterException(spec.commandLine(), target + ": no such file");
        }
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.getByName(bind), port);
        } catch (UnknownHostException ex) {
            throw new ParameterException(spec.commandLine(), "--bind: cannot resolve '" + bind + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean study = target.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(nc|nc4|netcdf)$");
        EmulensServer server = study ? EmulensServer.study(target, address, err)
                : EmulensServer.model(ModelFiles.read(target), new EmulensServer.Options(address, backend,
                        Options.tanhMode(spec, tanh), members, maxMembers, seed, threads, concurrentRuns), err);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            err.println("emulens: serve: stopped");
            err.flush();
            stopped.countDown();
        }, "emulens-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("emulens: serving " + server.description() + " at " + server.address() + " (Ctrl-C stops)");
        if (!address.getAddress().isLoopbackAddress()) {
            err.println("emulens: serve: warning: listening on " + bind + ", so other machines can reach this page");
        }
        out.flush();
        err.flush();
        try {
            stopped.await();
        } catch (InterruptedException ex) {
            // Interrupted rather than signalled: stop here, and the hook has nothing left to do.
            Runtime.getRuntime().removeShutdownHook(hook);
            server.close();
            Thread.currentThread().interrupt();
        }
    }
}
