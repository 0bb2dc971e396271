package io.paralab.process;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Drops one known line, once, from a stream of bytes copied chunk by chunk, as a child's stderr is: the JVM writes
 * the line's text and its end separately, so the end may arrive with the next chunk. Not thread-safe: one copying
 * thread uses it.
 *
 * <pre>{@code
 * LineDropper dropper = new LineDropper(" AOTConfiguration recorded: /c/x.aot.part-1");
 * int n = dropper.filter(buffer, read);   // the first n bytes of buffer are what to copy
 * }</pre>
 */
final class LineDropper {

    /** Copies every byte. */
    static final LineDropper NONE = new LineDropper(null);

    private final byte[] line;
    private boolean dropped;
    private boolean endPending;

    /** Drops {@code line} (without its line end), or nothing when it is null. */
    LineDropper(String line) {
        this.line = line == null ? null : line.getBytes(StandardCharsets.UTF_8);
    }

    /** Removes the line (and its end) from the first {@code length} bytes; returns their new length. */
    int filter(byte[] bytes, int length) {
        if (line == null) {
            return length;
        }
        if (endPending) {
            endPending = false;
            if (length > 0 && bytes[0] == '\n') {
                return cut(bytes, length, 0, 1);
            }
        }
        if (dropped) {
            return length;
        }
        for (int at = 0; at + line.length <= length; at++) {
            if (Arrays.equals(bytes, at, at + line.length, line, 0, line.length)) {
                dropped = true;
                int end = at + line.length;
                if (end == length) {
                    endPending = true;
                    return cut(bytes, length, at, line.length);
                }
                return cut(bytes, length, at, line.length + (bytes[end] == '\n' ? 1 : 0));
            }
        }
        return length;
    }

    private static int cut(byte[] bytes, int length, int at, int count) {
        System.arraycopy(bytes, at + count, bytes, at, length - at - count);
        return length - count;
    }
}
