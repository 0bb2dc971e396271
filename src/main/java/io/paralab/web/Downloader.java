package io.paralab.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Downloads whole bodies over HTTP/1.1, blocking or asynchronously, and checks each answer: a status other
 * than 200 is an error, so a failed download cannot pass for a fast one. One {@link HttpClient} underneath,
 * which keeps connections open between requests (Python's {@code requests.Session}). Thread-safe: many
 * threads may download at once.
 *
 * <pre>{@code
 * // in a notebook: Downloader.shared(), never closed by a cell
 * try (Downloader downloader = new Downloader()) {
 *     URI slow = LocalWebServer.shared().bytes(Duration.ofMillis(50), 10_240);
 *     int bytes = downloader.get(slow);                          // requests.get(url).content
 *     CompletableFuture<Integer> later = downloader.getAsync(slow); // an awaitable
 * }
 * }</pre>
 */
public final class Downloader implements AutoCloseable {

    /** How long a request waits for its answer to begin before it fails with an {@code HttpTimeoutException}. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static Downloader shared;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private volatile boolean closed;

    /** A new downloader with its own client; close it when done. */
    public Downloader() {
    }

    /**
     * One downloader for the whole JVM, made on first use and again after it was closed. Meant for
     * notebooks: a cell that runs again reuses it instead of leaving another client's threads behind. Do not
     * close it in a cell.
     *
     * @return the open shared downloader
     */
    public static synchronized Downloader shared() {
        if (shared == null || shared.closed) {
            shared = new Downloader();
        }
        return shared;
    }

    /**
     * Downloads {@code uri}'s body and returns its length, blocking until the whole body has arrived.
     *
     * @param uri what to GET, e.g. {@link LocalWebServer#bytes(Duration, int)}
     * @return the body's length in bytes
     * @throws IOException          when the status is not 200 (the message names the URI and the status), the
     *                              connection fails, or no answer began within {@link #TIMEOUT}
     * @throws InterruptedException when interrupted while waiting; the request is abandoned
     */
    public int get(URI uri) throws IOException, InterruptedException {
        return checked(uri, client.send(request(uri), HttpResponse.BodyHandlers.ofByteArray()));
    }

    /**
     * Starts downloading {@code uri} and returns at once; the future completes with the body's length, or
     * exceptionally with an {@link IOException} as {@link #get(URI)} would throw.
     *
     * @param uri what to GET
     * @return the body's length to come
     */
    public CompletableFuture<Integer> getAsync(URI uri) {
        return client.sendAsync(request(uri), HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            try {
                return checked(uri, response);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        });
    }

    /**
     * The client underneath, for requests of other shapes; closed with this downloader.
     *
     * @return the HTTP/1.1 client
     */
    public HttpClient client() {
        return client;
    }

    /**
     * Closes the client and its connections, waiting for the requests under way to finish (see
     * {@link HttpClient#close()}). Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        client.close();
    }

    private static HttpRequest request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT).build();
    }

    private static int checked(URI uri, HttpResponse<byte[]> response) throws IOException {
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8).strip());
        }
        return response.body().length;
    }
}
