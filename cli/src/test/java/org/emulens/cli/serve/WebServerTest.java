package org.emulens.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.emulens.engine.Emulator;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.Backends;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model page's HTTP surface, over loopback with a linear emulator: statuses and one-line JSON errors,
 * the body and query limits, and the limit on ensembles running at once.
 */
class WebServerTest {
    private static final int CONCURRENT_RUNS = 2;
    private static final AtomicInteger RUNNING = new AtomicInteger();
    private static final AtomicInteger MOST_RUNNING = new AtomicInteger();
    private static final StringWriter LOG = new StringWriter();
    private static Backend backend;
    private static CompiledEmulator compiled;
    private static WebServer server;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** Counts the evaluations in progress: each ensemble evaluates on its request's thread, one batch at a time. */
    private static CompiledEmulator counting(CompiledEmulator inner) {
        return new CompiledEmulator() {
            @Override
            public Emulator emulator() {
                return inner.emulator();
            }

            @Override
            public TanhMode tanhMode() {
                return inner.tanhMode();
            }

            @Override
            public void evaluate(float[] inputs, float[] outputs, int members) {
                MOST_RUNNING.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
                try {
                    inner.evaluate(inputs, outputs, members);
                    Thread.sleep(2); // widen the window in which overlapping runs would show
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                } finally {
                    RUNNING.decrementAndGet();
                }
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }

    @BeforeAll
    static void start() throws Exception {
        backend = Backends.open("cpu", new BackendOptions(1, 0));
        compiled = counting(backend.compile(LinearModel.emulator(), TanhMode.EXACT));
        PointEnsemble ensemble = new PointEnsemble(compiled, new PointEnsemble.Settings(20_000, 100_000, 1, 1));
        server = new WebServer(new PrintWriter(LOG, true));
        new ModelHandler(ensemble, "cpu", CONCURRENT_RUNS).register(server);
        server.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterAll
    static void stop() {
        server.close();
        compiled.close();
        backend.close();
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.address().resolve(path)).timeout(Duration.ofSeconds(60));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status line and body of a request that java.net.URI would refuse to make. */
    private static String raw(String requestLine) throws Exception {
        return raw(requestLine, "localhost");
    }

    private static String raw(String requestLine, String host) throws Exception {
        try (Socket s = new Socket(server.address().getHost(), server.address().getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write((requestLine + "\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String error(HttpResponse<String> r) {
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.toString());
        Map<?, ?> json = (Map<?, ?>) Json.parse(r.body());
        assertEquals(List.of("error"), List.copyOf(json.keySet()), r.body());
        String message = (String) json.get("error");
        assertFalse(r.body().contains("\n") || message.contains("Exception") || message.contains("\tat "),
                "one line, no stack trace: " + r.body());
        return message;
    }

    @Test
    void theModelIsDescribedWithUnitsAndRanges() throws Exception {
        HttpResponse<String> r = send("GET", "/api/model", null);
        assertEquals(200, r.statusCode());
        Map<?, ?> json = (Map<?, ?>) Json.parse(r.body());
        assertEquals("linear", json.get("name"));
        Map<?, ?> a = (Map<?, ?>) ((List<?>) json.get("inputs")).get(0);
        assertEquals("m", a.get("units"));
        assertEquals(10.0, ((Json.Number) a.get("max")).doubleValue());
        assertEquals(100_000L, ((Json.Number) json.get("maxMembers")).wholeValue());
    }

    @Test
    void aGoodRequestGetsTheClosedFormMean() throws Exception {
        HttpResponse<String> r = send("POST", "/api/ensemble", LinearModel.request(4, 0, 1, 0, "\"members\":100"));
        assertEquals(200, r.statusCode(), r.body());
        Map<?, ?> json = (Map<?, ?>) Json.parse(r.body());
        assertEquals(2 * 4 - 3 * 1 + 1, ((Json.Number) json.get("mean")).doubleValue(), 1e-6);
        assertEquals(100L, ((Json.Number) json.get("members")).wholeValue());
    }

    @Test
    void badRequestsGet400WithAOneLineMessage() throws Exception {
        assertTrue(error(send("POST", "/api/ensemble", "{\"inputs\":")).startsWith("malformed JSON"));
        assertTrue(error(send("POST", "/api/ensemble", LinearModel.request(4, 0, 9, 0, ""))).contains("inputs.b.value"));
        assertTrue(error(send("POST", "/api/ensemble", LinearModel.request(4, -1, 1, 0, ""))).contains("inputs.a.sd"));
        assertTrue(error(send("POST", "/api/ensemble", LinearModel.request(4, 0, 1, 0, "\"members\":100001")))
                .contains("members"));
        assertTrue(error(send("POST", "/api/ensemble", "{\"inputs\":{\"c\":{}}}")).contains("unknown input \"c\""));
        assertTrue(error(send("POST", "/api/ensemble?x=1", LinearModel.request(4, 0, 1, 0, ""))).contains("query"));
        assertTrue(raw("GET /api/model?a=%zz HTTP/1.1").startsWith("HTTP/1.1 400"), "malformed percent-encoding");
        assertTrue(error(send("GET", "/api/model?a=1&a=2", null)).contains("given twice"));
        assertTrue(error(send("GET", "/api/model?" + "a=1&".repeat(1000) + "b=2", null)).contains("at most 2048"));
        HttpRequest notUtf8 = HttpRequest.newBuilder(server.address().resolve("/api/ensemble"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', (byte) 0xC3, '}'})).build();
        assertEquals("request body: expected UTF-8 text, found invalid bytes",
                error(CLIENT.send(notUtf8, HttpResponse.BodyHandlers.ofString())));
        String big = " ".repeat(WebServer.MAX_BODY_BYTES) + LinearModel.request(4, 0, 1, 0, "");
        HttpResponse<String> r = send("POST", "/api/ensemble", big);
        assertEquals(400, r.statusCode());
        assertTrue(error(r).contains("at most " + WebServer.MAX_BODY_BYTES + " bytes"), r.body());
        for (String body : List.of("{\"inputs\":", "[]", LinearModel.request(11, 0, 1, 0, ""))) {
            assertEquals(400, send("POST", "/api/ensemble", body).statusCode(), body);
        }
    }

    @Test
    void otherSitesCannotDriveOrReadTheServer() throws Exception {
        HttpRequest form = HttpRequest.newBuilder(server.address().resolve("/api/ensemble"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(LinearModel.request(4, 0, 1, 0, ""))).build();
        HttpResponse<String> r = CLIENT.send(form, HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode());
        assertEquals("Content-Type: expected application/json, found \"text/plain\"", error(r));
        String rebound = raw("GET /api/model HTTP/1.1", "evil.example:" + server.address().getPort());
        assertTrue(rebound.startsWith("HTTP/1.1 400"), rebound);
        assertTrue(rebound.contains("Host: expected localhost"), rebound);
        assertTrue(raw("GET /api/model HTTP/1.1", "localhost:" + server.address().getPort()).startsWith("HTTP/1.1 200"));
    }

    @Test
    void unknownPathsAre404AndOtherMethods405() throws Exception {
        HttpResponse<String> r = send("GET", "/api/nothing", null);
        assertEquals(404, r.statusCode());
        assertTrue(error(r).contains("/api/nothing"));
        r = send("GET", "/api/ensemble", null);
        assertEquals(405, r.statusCode());
        assertEquals("POST", r.headers().firstValue("Allow").orElse(""));
        assertTrue(error(r).contains("expected POST"));
        assertEquals(405, send("DELETE", "/api/model", null).statusCode());
        assertEquals(405, send("PUT", "/", "x").statusCode());
    }

    @Test
    void thePageAndItsScriptAreServedWithAStrictPolicy() throws Exception {
        HttpResponse<String> page = send("GET", "/", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script src=\"/model.js\""), page.body());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
        HttpResponse<String> script = send("GET", "/model.js", null);
        assertEquals(200, script.statusCode());
        assertTrue(script.body().contains("/api/ensemble"));
        assertEquals(200, send("GET", "/serve.css", null).statusCode());
    }

    @Test
    void aBurstOfRequestsRunsAtMostTheAllowedNumberOfEnsemblesAtOnce() throws Exception {
        MOST_RUNNING.set(0);
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            HttpRequest req = HttpRequest.newBuilder(server.address().resolve("/api/ensemble"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(LinearModel.request(k, 1, 0, 1, "\"members\":100000")))
                    .build();
            burst.add(CLIENT.sendAsync(req, HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> f : burst) {
            HttpResponse<String> r = f.get();
            assertTrue(r.statusCode() == 200 || r.statusCode() == 503, r.statusCode() + " " + r.body());
        }
        assertTrue(MOST_RUNNING.get() >= 1 && MOST_RUNNING.get() <= CONCURRENT_RUNS,
                "most ensembles at once: " + MOST_RUNNING.get());
        assertFalse(LOG.toString().contains("failed"), LOG.toString());
    }

    @Test
    void theAddressIsLoopbackWithTheChosenPort() {
        URI a = server.address();
        assertEquals("127.0.0.1", a.getHost());
        assertTrue(a.getPort() > 0);
    }
}
