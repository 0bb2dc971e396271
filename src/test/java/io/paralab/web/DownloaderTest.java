package io.paralab.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DownloaderTest {

    @Test
    void downloadsWholeBodiesAndTurnsABadStatusIntoAnError() throws Exception {
        try (LocalWebServer server = LocalWebServer.builder().start(); Downloader downloader = new Downloader()) {
            assertEquals(1234, downloader.get(server.bytes(Duration.ZERO, 1234)));
            assertEquals(77, downloader.getAsync(server.bytes(Duration.ofMillis(5), 77)).join());
            IOException notFound = assertThrows(IOException.class, () -> downloader.get(server.uri("/nothing")));
            assertTrue(notFound.getMessage().contains("answered 404: no such path: /nothing"), notFound.getMessage());
            CompletionException async = assertThrows(CompletionException.class,
                    () -> downloader.getAsync(server.uri("/bytes?size=x")).join());
            assertInstanceOf(IOException.class, async.getCause());
            assertEquals(2, server.requestsServed());
        }
    }

    @Test
    void theSharedDownloaderIsOnePerJvmUntilClosed() {
        Downloader shared = Downloader.shared();
        org.junit.jupiter.api.Assertions.assertSame(shared, Downloader.shared());
        shared.close();
        org.junit.jupiter.api.Assertions.assertNotSame(shared, Downloader.shared());
    }
}
