package io.paralab.web;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
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
    }

    @Test
    void badSettingsAreRejectedNamingTheParameterAndTheValue() throws Exception {
        assertEquals("delay must be between 0 and PT1M, got PT-0.001S", assertThrows(IllegalArgumentException.class,
                () -> LocalWebServer.builder().delay(Duration.ofMillis(-1))).getMessage());
        assertEquals("size must be between 0 and " + LocalWebServer.MAX_BODY_SIZE + ", got -1",
                assertThrows(IllegalArgumentException.class, () -> LocalWebServer.builder().bodySize(-1)).getMessage());
        assertEquals("port must be between 0 and 65535, got 70000",
                assertThrows(IllegalArgumentException.class, () -> LocalWebServer.builder().port(70_000)).getMessage());
        assertEquals("backlog must be positive, got 0",
                assertThrows(IllegalArgumentException.class, () -> LocalWebServer.builder().backlog(0)).getMessage());
        try (LocalWebServer server = LocalWebServer.builder().start()) {
            assertEquals("pathAndQuery must start with '/', got 'bytes'",
                    assertThrows(IllegalArgumentException.class, () -> server.uri("bytes")).getMessage());
        }
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
        // a port below the ephemeral range, so no other program's outgoing connection (nor this test's own, a TCP
        // self-connect) takes it between the close and the checks
        int port = freePortBelowEphemeralRange();
        LocalWebServer server = LocalWebServer.builder().port(port).start();
        server.close();
        server.close();   // idempotent
        assertThrows(ConnectException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            }
        });
        try (LocalWebServer again = LocalWebServer.builder().port(port).start()) {
            assertEquals(port, again.port());
        }
    }

    /** A loopback port nobody listens on, from 20000-32767 (Linux hands out ephemeral ports from 32768 up). */
    private static int freePortBelowEphemeralRange() {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = 20_000 + random.nextInt(12_768);
            try (java.net.ServerSocket probe = new java.net.ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return probe.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port in 20000-32767 after 100 attempts");
    }

    /** Sends raw request text on a socket and reads one answer: its head, then Content-Length bytes. */
    private static String exchange(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed inside the head: " + head);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = Integer.parseInt(text.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
        boolean headRequest = request.startsWith("HEAD");
        byte[] body = in.readNBytes(headRequest ? 0 : length);
        return text + new String(body, StandardCharsets.ISO_8859_1);
    }

    private static Socket connect(LocalWebServer server) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout(30_000);
        return socket;
    }

    @Test
    void everyAcceptedConnectionHasNagleOff() throws Exception {
        try (LocalWebServer server = LocalWebServer.builder().bodySize(100).start();
             Socket first = connect(server); Socket second = connect(server)) {
            exchange(first, "GET /bytes HTTP/1.1\r\nHost: x\r\n\r\n");
            exchange(second, "GET /bytes HTTP/1.1\r\nHost: x\r\n\r\n");
            List<Socket> open = server.openConnections();   // both answered and kept alive: both held
            assertEquals(2, open.size());
            for (Socket socket : open) {
                assertTrue(socket.getTcpNoDelay(), "TCP_NODELAY is off on " + socket);
            }
        }
    }

    /** Records every write call it gets. */
    private static final class WriteRecorder extends OutputStream {
        final List<byte[]> writes = new ArrayList<>();

        @Override
        public void write(int b) {
            writes.add(new byte[] {(byte) b});
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes.add(java.util.Arrays.copyOfRange(b, off, off + len));
        }
    }

    @Test
    void anAnswerLeavesInOneWriteUpToTheLimit() throws Exception {
        byte[] body = new byte[300_000];
        java.util.Arrays.fill(body, (byte) 'x');
        WriteRecorder small = new WriteRecorder();
        Answer.bytes(body, 10_240, Answer.Body.SENT).writeTo(small);
        assertEquals(1, small.writes.size(), "head and a 10 KiB body must leave in one write");
        String text = new String(small.writes.get(0), StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("HTTP/1.1 200 OK\r\n") && text.contains("Content-Length: 10240\r\n"), text);
        assertTrue(text.endsWith("\r\n\r\n" + "x".repeat(10_240)));

        WriteRecorder large = new WriteRecorder();
        Answer.bytes(body, 300_000, Answer.Body.SENT).writeTo(large);
        assertEquals(2, large.writes.size());
        assertEquals(LocalWebServer.ONE_WRITE, large.writes.get(0).length);
        int head = new String(large.writes.get(0), StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n") + 4;
        assertEquals(300_000, LocalWebServer.ONE_WRITE - head + large.writes.get(1).length);

        WriteRecorder headOnly = new WriteRecorder();
        Answer.bytes(body, 10_240, Answer.Body.HEAD_ONLY).writeTo(headOnly);
        assertEquals(1, headOnly.writes.size());
        assertTrue(new String(headOnly.writes.get(0), StandardCharsets.ISO_8859_1).endsWith("Content-Length: 10240\r\n\r\n"));
    }

    @Test
    void aConnectionIsKeptAliveUntilTheClientAsksToClose() throws Exception {
        try (LocalWebServer server = LocalWebServer.builder().bodySize(5).start(); Socket socket = connect(server)) {
            assertTrue(exchange(socket, "GET /bytes HTTP/1.1\r\nHost: x\r\n\r\n").endsWith("\r\n\r\nabcde"));
            String second = exchange(socket, "GET /bytes?size=3 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(second.endsWith("\r\n\r\nabc"), second);
            String head = exchange(socket, "HEAD /bytes HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(head.contains("Content-Length: 5\r\n") && head.endsWith("\r\n\r\n"), head);
            String last = exchange(socket, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertTrue(last.contains("Connection: close\r\n"), last);
            assertEquals(-1, socket.getInputStream().read(), "the server must close after Connection: close");
            assertEquals(4, server.requestsServed());   // HEAD counts too: it was answered with 200
        }
    }

    @Test
    void http10ClosesUnlessKeptAliveAndAMalformedRequestGets400() throws Exception {
        try (LocalWebServer server = LocalWebServer.builder().bodySize(2).start()) {
            try (Socket socket = connect(server)) {
                assertTrue(exchange(socket, "GET / HTTP/1.0\r\n\r\n").endsWith("ab"));
                assertEquals(-1, socket.getInputStream().read());
            }
            try (Socket socket = connect(server)) {
                String answer = exchange(socket, "BREW /pot\r\n\r\n");
                assertTrue(answer.startsWith("HTTP/1.1 400 ") && answer.contains("not an HTTP/1.x request line"), answer);
                assertEquals(-1, socket.getInputStream().read());
            }
        }
    }

    @Test
    void theSharedServerIsOnePerJvmUntilClosed() throws Exception {
        LocalWebServer shared = LocalWebServer.shared();
        assertSame(shared, LocalWebServer.shared());
        assertEquals("/bytes?size=10&delayMs=20", shared.bytes(Duration.ofMillis(20), 10).getRawPath() + "?"
                + shared.bytes(Duration.ofMillis(20), 10).getRawQuery());
        assertThrows(IllegalArgumentException.class, () -> shared.bytes(Duration.ofMillis(-1), 10));
        shared.close();
        LocalWebServer again = LocalWebServer.shared();
        assertNotSame(shared, again);
        try (HttpClient client = HttpClient.newHttpClient()) {
            assertEquals(10, get(client, again, "/bytes?size=10").body().length);
        }
    }

    @Test
    void closeEndsConnectionsWaitingOutTheirDelay() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            LocalWebServer server = LocalWebServer.builder().start();
            try (Socket socket = connect(server)) {
                socket.getOutputStream().write("GET /bytes?delayMs=60000 HTTP/1.1\r\nHost: x\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                while (server.openConnections().isEmpty()) {
                    Thread.onSpinWait();
                }
                server.close();
                assertEquals(-1, socket.getInputStream().read(), "the connection must be closed, not answered");
                assertEquals(0, server.requestsServed());
            }
        });
    }
}
