package io.paralab.perf;

import com.sun.net.httpserver.HttpServer;
import io.paralab.bench.Stats;
import io.paralab.web.LocalWebServer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What a request to {@link LocalWebServer} costs beyond its delay, on one kept-alive connection, against
 * the JDK's {@code HttpServer} with its defaults (Nagle on) serving the same bytes in the same run:
 * <ol>
 *   <li>a 0 ms request with a 10 KiB body, one after another on a reused connection (median, p25–p75,
 *       min–max), sent from a plain socket (the server's own cost) and from {@code java.net.http.HttpClient}
 *       (what the notebooks see: the client adds its own hand-offs between threads);</li>
 *   <li>{@code n} sequential downloads of {@code d} ms each against {@code n × d}, from both clients in
 *       interleaved rounds, with what each download took beyond its delay: the plain socket's figure is the
 *       server's and the machine's (a thread waking after a wait), the rest of the client's is the client's
 *       own (its selector thread hands the answer to a worker thread, which wakes the caller).</li>
 * </ol>
 *
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
 * mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * $JAVA_HOME/bin/java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     io.paralab.perf.WebServerLatency [requests=200] [downloads=20] [delayMs=30]
 * </pre>
 * Do not set {@code -Dsun.net.httpserver.nodelay}: the JDK server is measured with its defaults.
 */
public final class WebServerLatency {

    private static final int BODY = 10 * 1024;

    private WebServerLatency() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int downloads = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int delayMs = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        System.out.println("sun.net.httpserver.nodelay=" + System.getProperty("sun.net.httpserver.nodelay")
                + "; effective cores now: " + CoreProbe.effectiveCores());
        ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor();
        HttpServer jdk = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        byte[] body = new byte[BODY];
        jdk.createContext("/", exchange -> {
            try (exchange) {
                String query = exchange.getRequestURI().getQuery();
                long delay = query != null && query.startsWith("delayMs=") ? Long.parseLong(query.substring(8)) : 0;
                if (delay > 0) {
                    try {
                        Thread.sleep(delay);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                exchange.sendResponseHeaders(200, BODY);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        jdk.setExecutor(virtual);
        jdk.start();
        try (LocalWebServer local = LocalWebServer.builder().bodySize(BODY).start();
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            String jdkBase = "http://127.0.0.1:" + jdk.getAddress().getPort() + "/?delayMs=";
            String localBase = "http://127.0.0.1:" + local.port() + "/bytes?delayMs=";
            for (String[] server : new String[][] {{"LocalWebServer", localBase}, {"JDK HttpServer (defaults)", jdkBase}}) {
                URI zero = URI.create(server[1] + 0);
                URI slow = URI.create(server[1] + delayMs);
                try (PlainSocketClient socket = new PlainSocketClient(zero.getPort())) {
                    List<Long> nanos = new ArrayList<>();
                    for (int i = -50; i < requests; i++) {   // 50 warm-up requests first
                        long start = System.nanoTime();
                        socket.get(zero);
                        if (i >= 0) {
                            nanos.add(System.nanoTime() - start);
                        }
                    }
                    report(server[0] + ", plain socket", requests, nanos);
                    for (int i = 0; i < 50; i++) {
                        get(client, zero);   // warm-up: JIT, and the one connection the client keeps
                    }
                    nanos.clear();
                    for (int i = 0; i < requests; i++) {
                        long start = System.nanoTime();
                        get(client, zero);
                        nanos.add(System.nanoTime() - start);
                    }
                    report(server[0] + ", HttpClient", requests, nanos);
                    List<Long> socketTotals = new ArrayList<>();
                    List<Long> clientTotals = new ArrayList<>();
                    for (int round = 0; round < 5; round++) {   // the two clients interleaved, so both meet the same load
                        long start = System.nanoTime();
                        for (int i = 0; i < downloads; i++) {
                            socket.get(slow);
                        }
                        socketTotals.add(System.nanoTime() - start);
                        start = System.nanoTime();
                        for (int i = 0; i < downloads; i++) {
                            get(client, slow);
                        }
                        clientTotals.add(System.nanoTime() - start);
                    }
                    reportDownloads(server[0] + ", plain socket", downloads, delayMs, socketTotals);
                    reportDownloads(server[0] + ", HttpClient", downloads, delayMs, clientTotals);
                }
            }
        } finally {
            jdk.stop(0);
            virtual.shutdownNow();
        }
    }

    private static void report(String what, int requests, List<Long> nanos) {
        Stats s = Stats.of(nanos);
        System.out.printf(Locale.ROOT, "%-40s 0 ms request, reused connection, %d runs: median %.3f ms, "
                        + "p25-p75 %.3f-%.3f ms, min-max %.3f-%.3f ms%n", what, requests, s.median() / 1e6,
                Stats.percentile(0.25, s(nanos)) / 1e6, Stats.percentile(0.75, s(nanos)) / 1e6,
                s.min() / 1e6, s.max() / 1e6);
    }

    private static void reportDownloads(String what, int downloads, int delayMs, List<Long> totals) {
        Stats t = Stats.of(totals);
        double ideal = downloads * delayMs;
        System.out.printf(Locale.ROOT, "%-40s %d sequential downloads of %d ms (ideal %.0f ms), 5 runs: median %.1f ms "
                        + "(min-max %.1f-%.1f), %.2f x ideal, %.2f ms per download beyond its delay%n", what, downloads,
                delayMs, ideal, t.median() / 1e6, t.min() / 1e6, t.max() / 1e6, t.median() / 1e6 / ideal,
                (t.median() / 1e6 - ideal) / downloads);
    }

    /**
     * Keep-alive GETs written and read on one plain socket, no client library: what a request costs the
     * server and the machine, the figure the client's own cost is measured against.
     */
    private static final class PlainSocketClient implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        PlainSocketClient(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        void get(URI uri) throws IOException {
            out.write(("GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            StringBuilder head = new StringBuilder();
            while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed by " + uri);
                }
                head.append((char) b);
            }
            if (in.readNBytes(BODY).length != BODY) {
                throw new IOException("short body from " + uri);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static double[] s(List<Long> nanos) {
        return nanos.stream().mapToDouble(Long::doubleValue).toArray();
    }

    private static void get(HttpClient client, URI uri) throws Exception {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200 || response.body().length != BODY) {
            throw new IllegalStateException(uri + ": status " + response.statusCode() + ", " + response.body().length + " bytes");
        }
    }
}
