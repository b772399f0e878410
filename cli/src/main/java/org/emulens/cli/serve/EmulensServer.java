package org.emulens.cli.serve;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import org.emulens.engine.EmulensException;
import org.emulens.engine.Emulator;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.Backends;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;

/**
 * {@code emulens serve} put together: the model page (an emulator compiled once on the chosen backend) or
 * the study page (an open output file), on a {@link WebServer}. Closing it stops the server and releases
 * the backend or the file.
 */
public final class EmulensServer implements AutoCloseable {
    /**
     * How to serve a model; the study page needs only the address. {@code threads} 0 means every core;
     * {@code concurrentRuns} ensembles run at once, each on {@code threads} threads.
     */
    public record Options(InetSocketAddress address, String backend, TanhMode tanh, long defaultMembers,
                          long maxMembers, long seed, int threads, int concurrentRuns) {
    }

    private final WebServer web;
    private final AutoCloseable resources;
    private final String description;

    private EmulensServer(WebServer web, AutoCloseable resources, String description) {
        this.web = web;
        this.resources = resources;
        this.description = description;
    }

    /** Serves the model page of {@code model}, already read. */
    public static EmulensServer model(Emulator model, Options o, PrintWriter log) {
        int threads = o.threads() == 0 ? Runtime.getRuntime().availableProcessors() : o.threads();
        Backend backend = Backends.open(o.backend(), new BackendOptions(threads, 0), model.family());
        try {
            CompiledEmulator compiled = backend.compile(model, o.tanh());
            PointEnsemble ensemble = new PointEnsemble(compiled,
                    new PointEnsemble.Settings(o.defaultMembers(), o.maxMembers(), o.seed(), threads));
            WebServer web = new WebServer(log);
            String device = backend.name() + " (" + backend.device() + ")";
            new ModelHandler(ensemble, device, o.concurrentRuns()).register(web);
            AutoCloseable release = () -> {
                compiled.close();
                backend.close();
            };
            return start(web, o.address(), release, "model " + model.name() + " on " + device);
        } catch (RuntimeException ex) {
            backend.close();
            throw ex;
        }
    }

    /** Serves the study page of the {@code emulens run} output {@code file}. */
    public static EmulensServer study(Path file, InetSocketAddress address, PrintWriter log) {
        StudyOutput study = StudyOutput.open(file);
        try {
            WebServer web = new WebServer(log);
            new StudyHandler(study).register(web);
            return start(web, address, study, "study output " + file.getFileName() + " (" + study.steps()
                    + " time step(s), " + study.grid().latCount() + " x " + study.grid().lonCount() + " cells)");
        } catch (RuntimeException ex) {
            study.close();
            throw ex;
        }
    }

    private static EmulensServer start(WebServer web, InetSocketAddress address, AutoCloseable resources,
            String description) {
        try {
            web.start(address);
        } catch (IOException ex) {
            throw new EmulensException("cannot listen on " + address.getHostString() + ":" + address.getPort()
                    + ": " + ex.getMessage() + (address.getPort() == 0 ? "" : "; is another server on that port? "
                    + "--port 0 picks a free one"), ex);
        }
        return new EmulensServer(web, resources, description);
    }

    /** Where the page is, e.g. {@code http://127.0.0.1:8080/}. */
    public URI address() {
        return web.address();
    }

    /** What is served, in words. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        web.close();
        try {
            resources.close();
        } catch (Exception ex) {
            throw new IllegalStateException("closing " + description + ": " + ex.getMessage(), ex);
        }
    }
}
