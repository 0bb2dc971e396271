package io.paralab.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The head of one HTTP/1.x request read off a connection: method, path, query parameters and whether the
 * connection stays open after the answer. A request body announced by {@code Content-Length} is read and
 * dropped, so the next request on the connection starts where it should.
 *
 * @param method    e.g. {@code GET}
 * @param path      the decoded path, e.g. {@code /bytes}
 * @param query     the decoded query parameters; the last of a repeated name wins
 * @param keepAlive whether the client lets the connection stay open (HTTP/1.1 unless
 *                  {@code Connection: close}; HTTP/1.0 only with {@code Connection: keep-alive})
 */
record RequestHead(String method, String path, Map<String, String> query, boolean keepAlive) {

    /** Longest request line or header line accepted. */
    static final int MAX_LINE = 8 * 1024;
    /** Most header lines accepted. */
    static final int MAX_HEADERS = 100;
    /** Largest request body accepted (and dropped). */
    static final long MAX_BODY = 1 << 20;

    RequestHead {
        query = Map.copyOf(query);
    }

    /** A request that cannot be understood; its message names the problem. */
    static final class MalformedRequestException extends IOException {
        MalformedRequestException(String message) {
            super(message);
        }
    }

    /**
     * Reads the next request.
     *
     * @return null when the client closed the connection before a new request began
     * @throws MalformedRequestException when the request is not HTTP/1.x this server understands
     * @throws IOException               when the connection fails, or closes mid-request
     */
    static RequestHead read(InputStream in) throws IOException {
        String requestLine = line(in);
        while (requestLine != null && requestLine.isEmpty()) {
            requestLine = line(in);   // RFC 9112: ignore empty lines before a request line
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new MalformedRequestException("not an HTTP/1.x request line: '" + requestLine + "'");
        }
        Map<String, String> headers = new HashMap<>();
        for (int count = 0; ; count++) {
            String header = line(in);
            if (header == null) {
                throw new IOException("the connection closed inside a request head");
            }
            if (header.isEmpty()) {
                break;
            }
            if (count == MAX_HEADERS) {
                throw new MalformedRequestException("more than " + MAX_HEADERS + " header lines");
            }
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new MalformedRequestException("not a header line: '" + header + "'");
            }
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        if (headers.containsKey("transfer-encoding")) {
            throw new MalformedRequestException("request bodies with Transfer-Encoding are not accepted");
        }
        skipBody(in, headers.get("content-length"));
        String target = parts[1];
        int question = target.indexOf('?');
        String rawPath = question < 0 ? target : target.substring(0, question);
        String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
        boolean keepAlive = parts[2].equals("HTTP/1.0") ? connection.contains("keep-alive") : !connection.contains("close");
        return new RequestHead(parts[0], decode(rawPath), query(question < 0 ? "" : target.substring(question + 1)),
                keepAlive);
    }

    private static void skipBody(InputStream in, String contentLength) throws IOException {
        if (contentLength == null) {
            return;
        }
        long length;
        try {
            length = Long.parseLong(contentLength);
        } catch (NumberFormatException e) {
            throw new MalformedRequestException("Content-Length is not a number: '" + contentLength + "'");
        }
        if (length < 0 || length > MAX_BODY) {
            throw new MalformedRequestException("Content-Length must be between 0 and " + MAX_BODY + ", not " + length);
        }
        in.skipNBytes(length);   // EOFException when the connection closes inside the body
    }

    /** A CRLF- (or LF-) ended line in ISO-8859-1, without the line end; null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int length = bytes.size();
                byte[] text = bytes.toByteArray();
                return new String(text, 0, length > 0 && text[length - 1] == '\r' ? length - 1 : length,
                        StandardCharsets.ISO_8859_1);
            }
            if (bytes.size() == MAX_LINE) {
                throw new MalformedRequestException("a line longer than " + MAX_LINE + " bytes");
            }
            bytes.write(b);
        }
        if (bytes.size() > 0) {
            throw new IOException("the connection closed inside a line");
        }
        return null;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : raw.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                parameters.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;   // a stray '%': keep it as written, the caller reports what it cannot use
        }
    }
}
