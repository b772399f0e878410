package org.emulens.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP plumbing of {@code emulens serve}, on the JDK's {@code com.sun.net.httpserver}: exact-path
 * routes per method, static pages from the jar, strict query and body limits, and errors as one-line JSON
 * ({@code {"error": "..."}}): 400 for a bad request, 404 for an unknown path, 405 for a method a path does
 * not take, 503 when every ensemble slot is busy, 500 (without a stack trace) for anything else.
 *
 * <p>Requests are handled on a fixed pool of {@value #HANDLER_THREADS} threads, so a burst of clients
 * queues rather than starting threads without bound.
 */
final class WebServer implements AutoCloseable {
    static final int MAX_BODY_BYTES = 64 * 1024;
    /**
     * How much of an oversized body is read and dropped before the 400 goes out: a client still sending when
     * the connection closes sees a reset instead of the answer. Beyond this the connection is simply closed.
     */
    static final long MAX_DRAINED_BYTES = 4L << 20;
    static final int MAX_QUERY_CHARS = 2048;
    static final int HANDLER_THREADS = 8;
    private static final String RESOURCES = "/org/emulens/cli/serve/";
    private static final String PAGE_POLICY = "default-src 'self'; img-src 'self'; style-src 'self'; "
            + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /** What a route sees of a request: the query is decoded and the body read (within the limits). */
    record Request(String method, String path, Map<String, String> query, String contentType, String body) {
        /**
         * Refuses a body that is not declared JSON. Besides saying what is expected, this keeps other web
         * sites off: a page elsewhere can make the browser send a form or text/plain here without asking,
         * but declaring JSON needs a CORS preflight, which this server never grants.
         */
        void requireJson() {
            String type = contentType == null ? "" : contentType.split(";")[0].trim();
            if (!type.equalsIgnoreCase("application/json")) {
                throw new BadRequestException("Content-Type: expected application/json, found "
                        + (contentType == null ? "none" : "\"" + shorten(contentType) + "\""));
            }
        }
    }

    /** What a route answers. */
    record Reply(int status, String contentType, byte[] body) {
        static Reply json(String json) {
            return new Reply(200, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
        }

        static Reply error(int status, String message) {
            String json = Json.object().put("error", message.replace('\n', ' ').replace('\r', ' ')).toString();
            return new Reply(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A route's answer to one request; throws {@link BadRequestException} for a bad one. */
    @FunctionalInterface
    interface Endpoint {
        Reply answer(Request request);
    }

    /** Thrown by a route that cannot take more work now: answered with 503. */
    static final class BusyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BusyException(String message) {
            super(message);
        }
    }

    private final Map<String, Map<String, Endpoint>> routes = new LinkedHashMap<>();
    private final PrintWriter log;
    private HttpServer http;
    private ExecutorService executor;

    /** @param log where one line per failed request goes (never to the client) */
    WebServer(PrintWriter log) {
        this.log = log;
    }

    /** Routes {@code method} requests for exactly {@code path} to {@code endpoint}. Call before {@link #start}. */
    WebServer route(String method, String path, Endpoint endpoint) {
        routes.computeIfAbsent(path, p -> new TreeMap<>()).put(method, endpoint);
        return this;
    }

    /** Serves the jar resource {@code org/emulens/cli/serve/<resource>} at {@code path} for GET. */
    WebServer resource(String path, String resource, String contentType) {
        byte[] bytes = readResource(resource);
        return route("GET", path, r -> new Reply(200, contentType, bytes));
    }

    private static byte[] readResource(String name) {
        try (InputStream in = WebServer.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCES + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Starts listening; {@code address} port 0 picks a free port. */
    WebServer start(InetSocketAddress address) throws IOException {
        http = HttpServer.create(address, 64);
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(HANDLER_THREADS, r -> {
            Thread t = new Thread(r, "emulens-serve-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(executor);
        http.createContext("/", this::handle);
        http.start();
        return this;
    }

    /** The address clients use: the bound one, with the port actually chosen. */
    URI address() {
        InetSocketAddress a = http.getAddress();
        String host = a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + a.getPort() + "/");
    }

    /** Stops accepting, gives running requests a second to finish, then ends the handler threads. */
    @Override
    public void close() {
        if (http != null) {
            http.stop(1);
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            http = null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        Reply reply;
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        try {
            Map<String, Endpoint> byMethod = routes.get(path);
            if (byMethod == null) {
                reply = Reply.error(404, "no such path: " + shorten(path));
            } else if (!byMethod.containsKey(method)) {
                exchange.getResponseHeaders().set("Allow", String.join(", ", byMethod.keySet()));
                reply = Reply.error(405, "method " + shorten(method) + " not allowed for " + path + "; expected "
                        + String.join(" or ", byMethod.keySet()));
            } else {
                requireLocalHost(exchange);
                Request request = new Request(method, path, query(exchange.getRequestURI().getRawQuery()),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body(exchange));
                reply = byMethod.get(method).answer(request);
            }
        } catch (BadRequestException ex) {
            reply = Reply.error(400, ex.getMessage());
        } catch (BusyException ex) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            reply = Reply.error(503, ex.getMessage());
        } catch (RuntimeException ex) {
            String what = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
            synchronized (log) {
                log.println("emulens: serve: " + method + " " + path + " failed: " + what.replace('\n', ' '));
                log.flush();
            }
            reply = Reply.error(500, "internal error (" + ex.getClass().getSimpleName() + "); the server's log says more");
        }
        send(exchange, reply);
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        try (exchange) {
            var h = exchange.getResponseHeaders();
            h.set("Content-Type", reply.contentType());
            h.set("X-Content-Type-Options", "nosniff");
            h.set("Cache-Control", "no-store");
            if (reply.contentType().startsWith("text/html")) {
                h.set("Content-Security-Policy", PAGE_POLICY);
            }
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(reply.status(), head ? -1 : reply.body().length == 0 ? -1 : reply.body().length);
            if (!head && reply.body().length > 0) {
                exchange.getResponseBody().write(reply.body());
            }
        }
    }

    /**
     * On a loopback address, only requests naming this machine: a site whose name is made to resolve to
     * 127.0.0.1 (DNS rebinding) would otherwise be same-origin with the page and could read its answers.
     */
    private void requireLocalHost(HttpExchange exchange) {
        if (!http.getAddress().getAddress().isLoopbackAddress()) {
            return;
        }
        String host = exchange.getRequestHeaders().getFirst("Host");
        String name = host == null ? "" : host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.replaceFirst(":\\d*$", "");
        if (!name.equalsIgnoreCase("localhost") && !name.equals("127.0.0.1") && !name.equals("[::1]")) {
            throw new BadRequestException("Host: expected localhost, 127.0.0.1 or [::1] for a server on a loopback "
                    + "address, found " + (host == null ? "none" : "\"" + shorten(host) + "\""));
        }
    }

    /** The decoded query parameters: each name once, within {@value #MAX_QUERY_CHARS} characters. */
    static Map<String, String> query(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        if (raw.length() > MAX_QUERY_CHARS) {
            throw new BadRequestException("query: expected at most " + MAX_QUERY_CHARS + " characters, found "
                    + raw.length());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : raw.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new BadRequestException("query: expected name=value pairs joined by '&', found \""
                        + shorten(pair) + "\"");
            }
            String name = decode(pair.substring(0, eq));
            String value = decode(pair.substring(eq + 1));
            if (out.put(name, value) != null) {
                throw new BadRequestException("query: parameter \"" + shorten(name) + "\" given twice");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException ex) {
            throw new BadRequestException("query: malformed percent-encoding in \"" + shorten(s) + "\"");
        }
    }

    private static String body(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException ex) {
                throw new BadRequestException("Content-Length: expected a number, found \"" + shorten(length) + "\"");
            }
            if (declared > MAX_BODY_BYTES) {
                drain(exchange.getRequestBody());
                throw new BadRequestException("request body: expected at most " + MAX_BODY_BYTES + " bytes, found "
                        + declared);
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                drain(in);
                throw new BadRequestException("request body: expected at most " + MAX_BODY_BYTES + " bytes, found more");
            }
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException ex) {
                throw new BadRequestException("request body: expected UTF-8 text, found invalid bytes");
            }
        }
    }

    private static void drain(InputStream in) throws IOException {
        long left = MAX_DRAINED_BYTES;
        byte[] sink = new byte[8192];
        for (int n = in.read(sink); n > 0 && left > 0; n = in.read(sink)) {
            left -= n;
        }
    }

    /** At most 60 characters of text from a client, for messages. */
    static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
