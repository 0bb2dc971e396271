package io.paralab.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small HTTP server on 127.0.0.1 that stands in for the internet in I/O demos: each request waits a
 * configurable delay, then answers with a body of a configurable size. Every request runs on its own
 * virtual thread, so a thousand slow requests are served at once. It counts the requests it served.
 *
 * <p>Endpoints:
 * <ul>
 *   <li>{@code GET /bytes?size=10240&delayMs=100}: waits {@code delayMs} milliseconds, then sends
 *       {@code size} bytes ({@code application/octet-stream}); each parameter may be left out for the
 *       builder's default;</li>
 *   <li>{@code GET /} is {@code /bytes} with the defaults.</li>
 * </ul>
 * A bad parameter is answered with 400 and a text that names it; an unknown path with 404; another method
 * with 405.
 *
 * <pre>{@code
 * try (LocalWebServer server = LocalWebServer.builder().delay(Duration.ofMillis(100)).bodySize(10_240).start();
 *      HttpClient client = HttpClient.newHttpClient()) {
 *     HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(server.uri("/bytes")).build(),
 *             HttpResponse.BodyHandlers.ofByteArray());
 *     System.out.println(response.body().length + " bytes; served " + server.requestsServed());
 * }
 * }</pre>
 */
public final class LocalWebServer implements AutoCloseable {

    /** The longest delay a request may ask for, so a typo cannot hang a client for hours. */
    public static final Duration MAX_DELAY = Duration.ofMinutes(1);
    /** The largest body a request may ask for. */
    public static final int MAX_BODY_SIZE = 64 << 20;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Duration defaultDelay;
    private final int defaultBodySize;
    private final AtomicLong served = new AtomicLong();
    private volatile byte[] body = new byte[0];

    private LocalWebServer(Builder builder) throws IOException {
        this.defaultDelay = builder.delay;
        this.defaultBodySize = builder.bodySize;
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port),
                builder.backlog);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A builder with no delay, a 10 KiB body, an ephemeral port. */
    public static Builder builder() {
        return new Builder();
    }

    /** The port it listens on (on 127.0.0.1). */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * The URI of {@code pathAndQuery} on this server.
     *
     * @param pathAndQuery e.g. {@code "/bytes?size=100"}
     */
    public URI uri(String pathAndQuery) {
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("the path must start with '/': " + pathAndQuery);
        }
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    /**
     * How many requests were answered with 200 so far: counted when the answer starts, after the delay, so
     * every response a client has received is counted.
     */
    public long requestsServed() {
        return served.get();
    }

    /** The delay used when a request names none. */
    public Duration defaultDelay() {
        return defaultDelay;
    }

    /** The body size used when a request names none. */
    public int defaultBodySize() {
        return defaultBodySize;
    }

    /**
     * Stops listening at once, frees the port, and interrupts requests still waiting out their delay.
     * Idempotent.
     */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "LocalWebServer[127.0.0.1:" + port() + ", delay " + defaultDelay + ", body " + defaultBodySize
                + " B, served " + served.get() + "]";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!path.equals("/") && !path.equals("/bytes")) {
                reply(exchange, 404, "no such path: " + path + " (try /bytes?size=10240&delayMs=100)");
                return;
            }
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                reply(exchange, 405, "method " + exchange.getRequestMethod() + " not allowed; use GET");
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            long delayMs;
            int size;
            try {
                delayMs = parameter(query, "delayMs", defaultDelay.toMillis(), MAX_DELAY.toMillis());
                size = (int) parameter(query, "size", defaultBodySize, MAX_BODY_SIZE);
            } catch (IllegalArgumentException e) {
                reply(exchange, 400, e.getMessage());
                return;
            }
            if (delayMs > 0) {
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException e) {
                    return;   // the server is closing
                }
            }
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            served.incrementAndGet();   // before the answer leaves: a client that has it sees it counted
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(200, head ? -1 : size == 0 ? -1 : size);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body(size), 0, size);
                }
            }
        }
    }

    /** A shared array of at least {@code size} bytes of text; grown when a larger body is asked for. */
    private byte[] body(int size) {
        byte[] current = body;
        if (current.length < size) {
            byte[] grown = new byte[Math.max(size, current.length * 2)];
            for (int i = 0; i < grown.length; i++) {
                grown[i] = (byte) ('a' + i % 26);
            }
            body = grown;
            current = grown;
        }
        return current;
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> parameters = new HashMap<>();
        if (raw != null && !raw.isEmpty()) {
            Arrays.stream(raw.split("&")).filter(p -> !p.isEmpty()).forEach(pair -> {
                int eq = pair.indexOf('=');
                parameters.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            });
        }
        return parameters;
    }

    private static long parameter(Map<String, String> query, String name, long fallback, long max) {
        String text = query.get(name);
        if (text == null) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + text + "'");
        }
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(name + " must be between 0 and " + max + ", not " + value);
        }
        return value;
    }

    /**
     * Settings for a {@link LocalWebServer}.
     *
     * <pre>{@code
     * LocalWebServer server = LocalWebServer.builder().delay(Duration.ofMillis(100)).bodySize(10_240).start();
     * }</pre>
     */
    public static final class Builder {
        private Duration delay = Duration.ZERO;
        private int bodySize = 10_240;
        private int port;
        private int backlog = 1024;

        private Builder() {
        }

        /** The delay before answering when a request names none; default none. At most {@link #MAX_DELAY}. */
        public Builder delay(Duration delay) {
            if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
                throw new IllegalArgumentException("delay must be between 0 and " + MAX_DELAY + ", not " + delay);
            }
            this.delay = delay;
            return this;
        }

        /** The body size when a request names none; default 10240 bytes. At most {@link #MAX_BODY_SIZE}. */
        public Builder bodySize(int bytes) {
            if (bytes < 0 || bytes > MAX_BODY_SIZE) {
                throw new IllegalArgumentException("body size must be between 0 and " + MAX_BODY_SIZE + ", not " + bytes);
            }
            this.bodySize = bytes;
            return this;
        }

        /** The port on 127.0.0.1; default 0, an ephemeral port chosen by the system. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
            }
            this.port = port;
            return this;
        }

        /** How many connections may wait to be accepted; default 1024. */
        public Builder backlog(int backlog) {
            if (backlog < 1) {
                throw new IllegalArgumentException("backlog must be positive, not " + backlog);
            }
            this.backlog = backlog;
            return this;
        }

        /**
         * Starts the server.
         *
         * @throws IOException when the port cannot be bound, e.g. it is in use
         */
        public LocalWebServer start() throws IOException {
            return new LocalWebServer(this);
        }
    }
}
