/**
 * {@link io.paralab.web.LocalWebServer}: a local HTTP server with configurable latency and body size, the
 * stand-in for the internet in the notebooks' I/O demos and their web-server-under-load example; and
 * {@link io.paralab.web.Downloader}, its checked client.
 *
 * <pre>{@code
 * URI slow = LocalWebServer.shared().bytes(Duration.ofMillis(100), 10_240);
 * int bytes = Downloader.shared().get(slow);   // about 100 ms later: 10240
 * }</pre>
 */
package io.paralab.web;
