/**
 * {@link io.paralab.web.LocalWebServer}: a local HTTP server with configurable latency and body size, the
 * stand-in for the internet in the notebooks' I/O demos and their web-server-under-load example.
 */
package io.paralab.web;
