package org.emulens.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.emulens.engine.Emulator;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.Backends;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.junit.jupiter.api.Test;

/**
 * The limit on concurrent ensembles: with one slot taken by a run that does not finish, the next request
 * waits {@value ModelHandler#QUEUE_SECONDS} s for it, then gets 503 with Retry-After and a message saying
 * so; the first run still completes.
 */
class ServeBusyIT {

    @Test
    void aRequestFindingEverySlotBusyGets503SayingSo() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (Backend backend = Backends.open("cpu", new BackendOptions(1, 0));
                CompiledEmulator inner = backend.compile(LinearModel.emulator(), TanhMode.EXACT);
                WebServer server = new WebServer(new PrintWriter(new StringWriter(), true))) {
            CompiledEmulator held = new CompiledEmulator() {
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
                    entered.countDown();
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                    inner.evaluate(inputs, outputs, members);
                }

                @Override
                public void close() {
                }
            };
            new ModelHandler(new PointEnsemble(held, new PointEnsemble.Settings(100, 1000, 1, 1)), "cpu", 1)
                    .register(server);
            server.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            HttpClient client = HttpClient.newBuilder().build();
            HttpRequest request = HttpRequest.newBuilder(server.address().resolve("/api/ensemble"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(LinearModel.request(4, 0.5, 1, 0.5, "\"sensitivity\":false")))
                    .build();
            CompletableFuture<HttpResponse<String>> first = client.sendAsync(request,
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(entered.await(30, TimeUnit.SECONDS), "the first run should start");
            HttpResponse<String> second = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(503, second.statusCode(), second.body());
            assertEquals("1", second.headers().firstValue("Retry-After").orElse(""));
            assertEquals("every ensemble slot has been busy for " + ModelHandler.QUEUE_SECONDS + " s; try again shortly",
                    ((Map<?, ?>) Json.parse(second.body())).get("error"));
            release.countDown();
            assertEquals(200, first.get(60, TimeUnit.SECONDS).statusCode());
        }
    }
}
