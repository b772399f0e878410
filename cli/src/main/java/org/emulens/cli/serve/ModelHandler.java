package org.emulens.cli.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.emulens.engine.Emulator;
import org.emulens.engine.Variable;

/**
 * The model page's routes: {@code GET /} the page, {@code GET /api/model} the model's inputs and outputs
 * with units and valid ranges, {@code POST /api/ensemble} one {@link EnsembleRequest} answered by
 * {@link PointEnsemble}. At most {@code concurrentRuns} ensembles run at once; a request that finds them
 * all busy for {@value #QUEUE_SECONDS} seconds gets 503.
 */
final class ModelHandler {
    static final int QUEUE_SECONDS = 10;

    private final PointEnsemble ensemble;
    private final String backend;
    private final Semaphore runs;

    ModelHandler(PointEnsemble ensemble, String backend, int concurrentRuns) {
        if (concurrentRuns < 1) {
            throw new IllegalArgumentException("concurrent runs: expected at least 1, found " + concurrentRuns);
        }
        this.ensemble = ensemble;
        this.backend = backend;
        this.runs = new Semaphore(concurrentRuns, true);
    }

    void register(WebServer server) {
        server.resource("/", "model.html", "text/html; charset=utf-8")
                .resource("/model.js", "model.js", "text/javascript; charset=utf-8")
                .resource("/serve.css", "serve.css", "text/css; charset=utf-8")
                .route("GET", "/api/model", this::describe)
                .route("POST", "/api/ensemble", this::ensemble);
    }

    private WebServer.Reply describe(WebServer.Request r) {
        requireNoQuery(r);
        Emulator e = ensemble.emulator();
        PointEnsemble.Settings s = ensemble.settings();
        return WebServer.Reply.json(Json.object().put("name", e.name())
                .put("description", e.metadata().getOrDefault("description", ""))
                .put("hash", e.hash()).put("family", e.family().description()).put("backend", backend)
                .raw("inputs", variables(e.inputs())).raw("outputs", variables(e.outputs()))
                .put("defaultMembers", s.defaultMembers()).put("maxMembers", s.maxMembers()).put("seed", s.seed())
                .put("pilotMembers", PointEnsemble.PILOT_MEMBERS).put("histogramBins", PointEnsemble.HISTOGRAM_BINS)
                .toString());
    }

    private static String variables(List<Variable> vars) {
        List<String> out = new ArrayList<>();
        for (Variable v : vars) {
            out.add(Json.object().put("name", v.name()).put("units", v.units()).put("min", v.validMin())
                    .put("max", v.validMax()).put("description", v.description()).toString());
        }
        return Json.array(out);
    }

    private WebServer.Reply ensemble(WebServer.Request r) {
        requireNoQuery(r);
        r.requireJson();
        PointEnsemble.Settings s = ensemble.settings();
        EnsembleRequest request = EnsembleRequest.parse(r.body(), ensemble.emulator(), s.defaultMembers(),
                s.maxMembers());
        boolean acquired;
        try {
            acquired = runs.tryAcquire(QUEUE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new WebServer.BusyException("the server is stopping");
        }
        if (!acquired) {
            throw new WebServer.BusyException("every ensemble slot has been busy for " + QUEUE_SECONDS
                    + " s; try again shortly");
        }
        try {
            return WebServer.Reply.json(ensemble.run(request).toJson(ensemble.emulator(), s.seed(), backend));
        } finally {
            runs.release();
        }
    }

    private static void requireNoQuery(WebServer.Request r) {
        if (!r.query().isEmpty()) {
            throw new BadRequestException("query: " + r.path() + " takes no parameters, found "
                    + r.query().keySet());
        }
    }
}
