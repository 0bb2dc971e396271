package io.paralab.web;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small HTTP/1.1 server on 127.0.0.1 that stands in for the internet in I/O demos: each request waits a
 * configurable delay, then answers with a body of a configurable size. Every connection is served by its
 * own virtual thread, so a thousand slow requests are served at once. It counts the requests it served.
 *
 * <p>Its timings are the delay and nothing else: every accepted connection has {@code TCP_NODELAY} set, and
 * each answer's head and body leave in one write (up to {@value #ONE_WRITE} bytes). The JDK's
 * {@code com.sun.net.httpserver.HttpServer} does neither unless the JVM-wide property
 * {@code sun.net.httpserver.nodelay} was {@code true} before its first server was created: it sends the
 * head and the body in two writes, and Nagle's algorithm holds the second until the client acknowledges
 * the first, which a client with delayed ACKs does after about 40 ms — so a "0 ms" request there takes
 * about 40 ms on a kept-alive connection. Here a 0 ms request costs well under a millisecond and {@code n}
 * sequential requests of {@code d} ms take about {@code n × d} (see the project README for the figures).
 *
 * <p>Endpoints:
 * <ul>
 *   <li>{@code GET /bytes?size=10240&delayMs=100}: waits {@code delayMs} milliseconds, then sends
 *       {@code size} bytes ({@code application/octet-stream}); each parameter may be left out for the
 *       builder's default;</li>
 *   <li>{@code GET /} is {@code /bytes} with the defaults; {@code HEAD} answers the same head, no body.</li>
 * </ul>
 * A bad parameter is answered with 400 and a text that names it; an unknown path with 404; another method
 * with 405; a malformed request with 400, after which the connection is closed. Connections are kept
 * alive (HTTP/1.1) unless the client asks to close.
 *
 * <p>Thread-safe. {@link #close()} frees the port, closes every connection and interrupts the requests still
 * waiting out their delay: their clients see the connection close without an answer. The settings are
 * checked when given: a delay or size out of range is an {@link IllegalArgumentException} that names it.
 *
 * <pre>{@code
 * try (LocalWebServer server = LocalWebServer.builder().delay(Duration.ofMillis(100)).bodySize(10_240).start();
 *      HttpClient client = HttpClient.newHttpClient()) {
 *     HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(server.uri("/bytes")).build(),
 *             HttpResponse.BodyHandlers.ofByteArray());
 *     System.out.println(response.body().length + " bytes; served " + server.requestsServed());
 * }
 * // in a notebook, where a cell may run again: one server for the whole JVM, never closed by the cell
 * URI slow = LocalWebServer.shared().bytes(Duration.ofMillis(50), 10_240);
 * }</pre>
 */
public final class LocalWebServer implements AutoCloseable {

    /** The longest delay a request may ask for, so a typo cannot hang a client for hours. */
    public static final Duration MAX_DELAY = Duration.ofMinutes(1);
    /** The largest body a request may ask for. */
    public static final int MAX_BODY_SIZE = 64 << 20;
    /** Answers up to this many bytes, head included, leave in a single write. */
    public static final int ONE_WRITE = 64 * 1024;

    private static LocalWebServer shared;

    private final ServerSocket listener;
    private final Duration defaultDelay;
    private final int defaultBodySize;
    private final AtomicLong served = new AtomicLong();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> handlers = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;
    private volatile byte[] body = new byte[0];

    private LocalWebServer(Builder builder) throws IOException {
        this.defaultDelay = builder.delay;
        this.defaultBodySize = builder.bodySize;
        this.listener = new ServerSocket(builder.port, builder.backlog, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().name("local-web-server-" + listener.getLocalPort()).start(this::accept);
    }

    /**
     * Settings to start a server with.
     *
     * @return a builder with no delay, a 10 KiB body, an ephemeral port and a backlog of 1024
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * One server for the whole JVM with the builder's defaults, started on first use and again after it was
     * closed. Meant for notebooks: a cell that runs again gets the same server instead of starting another
     * one, so re-running leaks no port and no thread. Ask for the delay and size per request
     * ({@link #bytes(Duration, int)}); do not close it in a cell.
     *
     * @return the running shared server
     * @throws IOException when no port can be bound
     */
    public static synchronized LocalWebServer shared() throws IOException {
        if (shared == null || shared.closed) {
            shared = builder().start();
        }
        return shared;
    }

    /**
     * The port it listens on.
     *
     * @return the port on 127.0.0.1; the one it had after {@link #close()}
     */
    public int port() {
        return listener.getLocalPort();
    }

    /**
     * The URI of {@code pathAndQuery} on this server.
     *
     * @param pathAndQuery e.g. {@code "/bytes?size=100"}
     * @return e.g. {@code http://127.0.0.1:41234/bytes?size=100}
     * @throws IllegalArgumentException when {@code pathAndQuery} does not start with {@code /}, or is not a valid
     *                                  URI path and query
     */
    public URI uri(String pathAndQuery) {
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("pathAndQuery must start with '/', got '" + pathAndQuery + "'");
        }
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    /**
     * The URI of {@code size} bytes answered after {@code delay}: {@code /bytes?size=...&delayMs=...}.
     *
     * @param delay how long the server waits before answering, from 0 to {@link #MAX_DELAY}; whole milliseconds
     * @param size  how many bytes the body has, from 0 to {@link #MAX_BODY_SIZE}
     * @return the URI on this server
     * @throws IllegalArgumentException naming {@code delay} or {@code size} when it is out of range
     */
    public URI bytes(Duration delay, int size) {
        return uri("/bytes?size=" + Builder.checkedSize(size) + "&delayMs=" + Builder.checkedDelay(delay).toMillis());
    }

    /**
     * How many requests were answered with 200 so far: counted when the answer starts, after the delay, so
     * every response a client has received is counted.
     *
     * @return the count since the server started
     */
    public long requestsServed() {
        return served.get();
    }

    /**
     * Stops listening at once, frees the port, closes every connection and interrupts requests still
     * waiting out their delay; returns when the accept loop has ended (an interrupt stops that wait and stays
     * set). Idempotent.
     *
     * @throws IllegalStateException when the accept loop did not end within 10 s
     */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing: nothing more to free
        }
        connections.forEach(LocalWebServer::closeQuietly);
        handlers.forEach(Thread::interrupt);
        // the listening socket is released once the thread blocked in accept() has left it
        try {
            if (Thread.currentThread() != acceptor && !acceptor.join(Duration.ofSeconds(10))) {
                throw new IllegalStateException("the accept loop of " + this + " did not end within 10 s of close()");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "LocalWebServer[127.0.0.1:" + port() + ", delay " + defaultDelay + ", body " + defaultBodySize
                + " B, served " + served.get() + (closed ? ", closed" : "") + "]";
    }

    /** Test seam: the connections open now, as the server holds them. */
    List<Socket> openConnections() {
        return List.copyOf(connections);
    }

    private void accept() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return;   // closed
            }
            try {
                socket.setTcpNoDelay(true);
            } catch (SocketException e) {
                closeQuietly(socket);
                continue;
            }
            connections.add(socket);
            Thread.ofVirtual().name("local-web-server-" + port() + "-connection").start(() -> serve(socket));
        }
    }

    private void serve(Socket socket) {
        Thread self = Thread.currentThread();
        handlers.add(self);
        try (socket) {
            if (closed) {
                return;   // accepted while closing: close() may have missed it
            }
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (!closed) {
                RequestHead request;
                try {
                    request = RequestHead.read(in);
                } catch (RequestHead.MalformedRequestException e) {
                    Answer.text(400, e.getMessage()).closing().writeTo(out);
                    return;
                }
                if (request == null) {
                    return;   // the client closed the connection
                }
                Answer response = answer(request);
                if (response == null) {
                    return;   // interrupted while waiting: the server is closing
                }
                if (!request.keepAlive()) {
                    response = response.closing();
                }
                response.writeTo(out);
                if (!request.keepAlive()) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away, or close() closed the socket: nothing to answer
        } finally {
            connections.remove(socket);
            handlers.remove(self);
        }
    }

    /** The answer to a well-formed request; null when interrupted during the delay. */
    private Answer answer(RequestHead request) {
        String path = request.path();
        if (!path.equals("/") && !path.equals("/bytes")) {
            return Answer.text(404, "no such path: " + path + " (try /bytes?size=10240&delayMs=100)");
        }
        boolean head = request.method().equals("HEAD");
        if (!head && !request.method().equals("GET")) {
            return Answer.text(405, "method " + request.method() + " not allowed; use GET")
                    .header("Allow", "GET, HEAD");
        }
        long delayMs;
        int size;
        try {
            delayMs = parameter(request, "delayMs", defaultDelay.toMillis(), MAX_DELAY.toMillis());
            size = (int) parameter(request, "size", defaultBodySize, MAX_BODY_SIZE);
        } catch (IllegalArgumentException e) {
            return Answer.text(400, e.getMessage());
        }
        if (delayMs > 0) {
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                return null;
            }
        }
        served.incrementAndGet();   // before the answer leaves: a client that has it sees it counted
        return Answer.bytes(body(size), size, head ? Answer.Body.HEAD_ONLY : Answer.Body.SENT);
    }

    /** A shared array of at least {@code size} bytes of text; grown when a larger body is asked for. */
    private synchronized byte[] body(int size) {
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

    private static long parameter(RequestHead request, String name, long fallback, long max) {
        String text = request.query().get(name);
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
            throw new IllegalArgumentException(name + " must be between 0 and " + max + ", got " + value);
        }
        return value;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
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

        /**
         * The delay before answering when a request names none.
         *
         * @param delay from 0 (the default) to {@link #MAX_DELAY}
         * @return this builder
         * @throws IllegalArgumentException naming {@code delay} when it is negative or above {@link #MAX_DELAY}
         */
        public Builder delay(Duration delay) {
            this.delay = checkedDelay(delay);
            return this;
        }

        /**
         * The body size when a request names none.
         *
         * @param size bytes, from 0 to {@link #MAX_BODY_SIZE}; default 10240
         * @return this builder
         * @throws IllegalArgumentException naming {@code size} when it is negative or above {@link #MAX_BODY_SIZE}
         */
        public Builder bodySize(int size) {
            this.bodySize = checkedSize(size);
            return this;
        }

        /**
         * The port to listen on, on 127.0.0.1.
         *
         * @param port from 1 to 65535, or 0 (the default) for an ephemeral port chosen by the system
         * @return this builder
         * @throws IllegalArgumentException naming {@code port} when it is out of range
         */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * How many connections may wait to be accepted.
         *
         * @param backlog at least 1; default 1024
         * @return this builder
         * @throws IllegalArgumentException naming {@code backlog} when it is below 1
         */
        public Builder backlog(int backlog) {
            if (backlog < 1) {
                throw new IllegalArgumentException("backlog must be positive, got " + backlog);
            }
            this.backlog = backlog;
            return this;
        }

        /**
         * Starts the server: it listens and accepts from now on.
         *
         * @return the running server; close it when done
         * @throws IOException when the port cannot be bound, e.g. it is in use
         */
        public LocalWebServer start() throws IOException {
            return new LocalWebServer(this);
        }

        static Duration checkedDelay(Duration delay) {
            if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
                throw new IllegalArgumentException("delay must be between 0 and " + MAX_DELAY + ", got " + delay);
            }
            return delay;
        }

        static int checkedSize(int size) {
            if (size < 0 || size > MAX_BODY_SIZE) {
                throw new IllegalArgumentException("size must be between 0 and " + MAX_BODY_SIZE + ", got " + size);
            }
            return size;
        }
    }
}
