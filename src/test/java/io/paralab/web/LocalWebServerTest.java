package io.paralab.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalWebServerTest {

    private static HttpResponse<byte[]> get(HttpClient client, LocalWebServer server, String pathAndQuery)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(server.uri(pathAndQuery)).timeout(Duration.ofSeconds(30)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void bodySizeIsExactAndDefaultsComeFromTheBuilder() throws Exception {
        try (LocalWebServer server = LocalWebServer.builder().bodySize(1234).start();
             HttpClient client = HttpClient.newHttpClient()) {
            assertEquals(1234, get(client, server, "/").body().length);
            assertEquals(1234, get(client, server, "/bytes").body().length);
            HttpResponse<byte[]> sized = get(client, server, "/bytes?size=10240");
            assertEquals(200, sized.statusCode());
            assertEquals(10_240, sized.body().length);
            assertEquals("10240", sized.headers().firstValue("Content-Length").orElseThrow());
            assertEquals(0, get(client, server, "/bytes?size=0").body().length);
            assertEquals(3_000_000, get(client, server, "/bytes?size=3000000").body().length);
            assertEquals(5, server.requestsServed());
        }
    }

    @Test
    void theDelayIsHonoured() throws Exception {
        try (LocalWebServer server = LocalWebServer.builder().delay(Duration.ofMillis(150)).start();
             HttpClient client = HttpClient.newHttpClient()) {
            long start = System.nanoTime();
            get(client, server, "/bytes");
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(150).toNanos(), "the default delay was not kept");
            start = System.nanoTime();
            get(client, server, "/bytes?delayMs=300");
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos(), "delayMs was not kept");
        }
    }

    @Test
    void badRequestsAreAnsweredWithTheProblemNamed() throws Exception {
        try (LocalWebServer server = LocalWebServer.builder().start();
             HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> bad = get(client, server, "/bytes?size=lots");
            assertEquals(400, bad.statusCode());
            assertTrue(new String(bad.body()).contains("size must be a whole number, not 'lots'"));
            assertEquals(400, get(client, server, "/bytes?delayMs=-5").statusCode());
            assertEquals(400, get(client, server, "/bytes?size=999999999999").statusCode());
            assertEquals(404, get(client, server, "/nothing").statusCode());
            HttpResponse<String> post = client.send(HttpRequest.newBuilder(server.uri("/bytes"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode());
            assertEquals(0, server.requestsServed());
        }
        assertThrows(IllegalArgumentException.class, () -> LocalWebServer.builder().delay(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> LocalWebServer.builder().bodySize(-1));
        assertThrows(IllegalArgumentException.class, () -> LocalWebServer.builder().port(70_000));
    }

    @Test
    void listensOnLoopbackOnlyOnAnEphemeralPort() throws Exception {
        try (LocalWebServer server = LocalWebServer.builder().start()) {
            assertTrue(server.port() > 0);
            assertEquals("127.0.0.1", server.uri("/").getHost());
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 5_000);
            }
            // 127.0.0.2 is this machine too: a server bound to the wildcard address would accept there
            assertThrows(ConnectException.class, () -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), server.port()), 5_000);
                }
            });
        }
    }

    @Test
    void fiftySlowRequestsAreServedInParallel() {
        int requests = 50;
        Duration delay = Duration.ofMillis(100);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (LocalWebServer server = LocalWebServer.builder().delay(delay).bodySize(10_240).start();
                 HttpClient client = HttpClient.newHttpClient();
                 ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                get(client, server, "/bytes?delayMs=0");   // warm up the client
                long start = System.nanoTime();
                List<Future<HttpResponse<byte[]>>> responses = new ArrayList<>();
                for (int i = 0; i < requests; i++) {
                    responses.add(threads.submit(() -> get(client, server, "/bytes")));
                }
                for (Future<HttpResponse<byte[]>> response : responses) {
                    assertEquals(10_240, response.get(30, TimeUnit.SECONDS).body().length);
                }
                long elapsed = System.nanoTime() - start;
                // serially this would take 5 s; in parallel a little over 0.1 s; the bound leaves room for a loaded machine
                assertTrue(elapsed < delay.multipliedBy(requests).toNanos() / 2,
                        "50 requests took " + elapsed / 1_000_000 + " ms");
                assertTrue(elapsed >= delay.toNanos());
                assertEquals(requests + 1, server.requestsServed());
            }
        });
    }

    @Test
    void closeFreesThePort() throws Exception {
        LocalWebServer server = LocalWebServer.builder().start();
        int port = server.port();
        server.close();
        server.close();   // idempotent
        assertThrows(IOException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
                if (socket.getLocalPort() == port) {   // TCP self-connect: Linux may pick the freed port as the source
                    throw new java.net.ConnectException("self-connect to " + port + ": nobody listens there");
                }
            }
        });
        try (LocalWebServer again = LocalWebServer.builder().port(port).start()) {
            assertEquals(port, again.port());
        }
    }
}
