package io.paralab.perf;

import io.paralab.bench.Bench;
import io.paralab.bench.Measurement;
import io.paralab.perf.Row.Unit;
import io.paralab.web.LocalWebServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Workload 4: 50 GETs to 127.0.0.1, the server waits 100 ms then sends 10 KiB; every body is read and its
 * length checked; creating the executor and the HTTP client is inside the timed region. Measured against
 * the identical Python server ({@code python_peers.py --serve 0}) and against {@link LocalWebServer}; with
 * fixed pools of 10 and 50 platform threads, a virtual thread per request, and {@code HttpClient.sendAsync}
 * (compared with Python's asyncio on raw streams: Debian's Python here has no aiohttp).
 *
 * <pre>{@code
 * List<Row> rows = DownloadWorkload.run(Path.of("../shared/peers/python_peers.py"), 10);
 * }</pre>
 */
final class DownloadWorkload {

    private static final int REQUESTS = 50;
    private static final int BODY = 10 * 1024;
    private static final int WARM_UP = 5;
    private static final String PY = "io_bound";

    private DownloadWorkload() {
    }

    /**
     * @param peers the Python peers script, or null to measure against {@link LocalWebServer} only
     */
    static List<Row> run(Path peers, int runs) throws Exception {
        List<Row> rows = new ArrayList<>();
        if (peers != null) {
            Process server = new ProcessBuilder("/usr/bin/python3", peers.toString(), "--serve", "0")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
                String line = out.readLine();
                PeerBenchmark.check(line != null && line.startsWith("PORT "), "the Python server said " + line);
                int port = Integer.parseInt(line.substring(5).trim());
                rows.addAll(variants("Python server", i -> URI.create("http://127.0.0.1:" + port + "/file/" + i), runs));
            } finally {
                server.getOutputStream().close();   // the server stops at end of stdin
                if (!server.waitFor(10, TimeUnit.SECONDS)) {
                    server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
        try (LocalWebServer server = LocalWebServer.builder().delay(Duration.ofMillis(100)).bodySize(BODY).start()) {
            rows.addAll(variants("LocalWebServer", i -> server.uri("/bytes"), runs));
        }
        return rows;
    }

    private static List<Row> variants(String server, IntFunction<URI> uris, int runs) {
        List<Row> rows = new ArrayList<>();
        rows.add(row(server, "10 platform threads", "ThreadPoolExecutor(10) urllib", Target.NONE, runs,
                () -> withExecutor(Executors.newFixedThreadPool(10), uris)));
        rows.add(row(server, "50 platform threads", "ThreadPoolExecutor(50) urllib",
                Target.atMost(0.110, "≤ 0.110 s"), runs, () -> withExecutor(Executors.newFixedThreadPool(50), uris)));
        rows.add(row(server, "virtual thread per request", "ThreadPoolExecutor(50) urllib",
                Target.atMost(0.110, "≤ 0.110 s"), runs, () -> withExecutor(Executors.newVirtualThreadPerTaskExecutor(), uris)));
        rows.add(row(server, "HttpClient.sendAsync", "asyncio raw streams (gather 50)",
                Target.atMost(0.110, "≤ 0.110 s"), runs, () -> async(uris)));
        return rows;
    }

    private static Row row(String server, String how, String pythonVariant, Target target, int runs,
                           Supplier<Integer> work) {
        Measurement m = Bench.measure(how, WARM_UP, runs, work::get);
        return new Row("4", "50 downloads, " + how + " (" + server + ")", Unit.SECONDS, Row.seconds(m.samplesNanos()),
                PY, pythonVariant, target);
    }

    private static int withExecutor(ExecutorService executor, IntFunction<URI> uris) {
        try (executor; HttpClient client = client()) {
            List<Future<Integer>> bodies = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                URI uri = uris.apply(i);
                bodies.add(executor.submit(() -> checkedLength(client.send(get(uri), HttpResponse.BodyHandlers.ofByteArray()))));
            }
            int total = 0;
            for (Future<Integer> body : bodies) {
                total += body.get(60, TimeUnit.SECONDS);
            }
            return total;
        } catch (Exception e) {
            throw new IllegalStateException("a download failed", e);
        }
    }

    private static int async(IntFunction<URI> uris) {
        try (HttpClient client = client()) {
            List<CompletableFuture<Integer>> bodies = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                bodies.add(client.sendAsync(get(uris.apply(i)), HttpResponse.BodyHandlers.ofByteArray())
                        .thenApply(DownloadWorkload::checkedLength));
            }
            int total = 0;
            for (CompletableFuture<Integer> body : bodies) {
                total += body.get(60, TimeUnit.SECONDS);
            }
            return total;
        } catch (Exception e) {
            throw new IllegalStateException("a download failed", e);
        }
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    private static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build();
    }

    private static int checkedLength(HttpResponse<byte[]> response) {
        PeerBenchmark.check(response.statusCode() == 200 && response.body().length == BODY,
                "GET " + response.uri() + " gave " + response.statusCode() + " with " + response.body().length + " bytes");
        return response.body().length;
    }
}
