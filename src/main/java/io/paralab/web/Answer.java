package io.paralab.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP/1.1 answer, written so that its head and the start of its body leave in a single write: a
 * request then costs one segment each way, whatever the socket's Nagle setting.
 */
final class Answer {

    /** Whether the body is sent or, for {@code HEAD}, only announced. */
    enum Body { SENT, HEAD_ONLY }

    private static final Map<Integer, String> REASONS = Map.of(200, "OK", 400, "Bad Request", 404, "Not Found",
            405, "Method Not Allowed");

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final byte[] body;
    private final int length;
    private final Body sent;

    private Answer(int status, String contentType, byte[] body, int length, Body sent) {
        this.status = status;
        this.body = body;
        this.length = length;
        this.sent = sent;
        headers.put("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        headers.put("Content-Type", contentType);
        headers.put("Content-Length", String.valueOf(length));
    }

    /** The first {@code length} bytes of {@code body} as {@code application/octet-stream}. */
    static Answer bytes(byte[] body, int length, Body sent) {
        return new Answer(200, "application/octet-stream", body, length, sent);
    }

    /** A one-line text answer, e.g. an error that names the problem. */
    static Answer text(int status, String text) {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        return new Answer(status, "text/plain; charset=utf-8", bytes, bytes.length, Body.SENT);
    }

    /** Adds a header line. */
    Answer header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Tells the client the connection closes after this answer. */
    Answer closing() {
        return header("Connection", "close");
    }

    /**
     * Writes the answer: the head and up to {@link LocalWebServer#ONE_WRITE} bytes in all in one
     * {@code write}, any rest of the body in a second.
     */
    void writeTo(OutputStream out) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ')
                .append(REASONS.getOrDefault(status, "Status")).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        int bodyBytes = sent == Body.SENT ? length : 0;
        int first = Math.min(bodyBytes, Math.max(0, LocalWebServer.ONE_WRITE - headBytes.length));
        ByteArrayOutputStream firstWrite = new ByteArrayOutputStream(headBytes.length + first);
        firstWrite.write(headBytes);
        firstWrite.write(body, 0, first);
        out.write(firstWrite.toByteArray());
        if (first < bodyBytes) {
            out.write(body, first, bodyBytes - first);
        }
        out.flush();
    }
}
