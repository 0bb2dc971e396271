package io.paralab.kernel;

import org.dflib.jjava.jupyter.messages.publish.PublishStream;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The kernel's {@code System.out} / {@code System.err}: bytes written by a thread that works for a notebook cell
 * are published as a {@code stream} message under that cell; bytes written by any other thread (the kernel's own)
 * go to the stream the JVM started with.
 *
 * <p>Each thread buffers its own bytes until a line ends or it flushes, so lines of threads printing at the same
 * time do not mix.
 *
 * <pre>{@code
 * System.setOut(CellOutputStream.printStream(publisher, PublishStream.StreamType.OUT, System.out));
 * }</pre>
 */
public final class CellOutputStream extends OutputStream {

    private final CellPublisher publisher;
    private final PublishStream.StreamType type;
    private final OutputStream fallback;
    private final ThreadLocal<ByteArrayOutputStream> pending = ThreadLocal.withInitial(ByteArrayOutputStream::new);

    CellOutputStream(CellPublisher publisher, PublishStream.StreamType type, OutputStream fallback) {
        this.publisher = publisher;
        this.type = type;
        this.fallback = fallback;
    }

    /** A UTF-8 print stream over a new {@code CellOutputStream}, flushing at every line end. */
    static PrintStream printStream(CellPublisher publisher, PublishStream.StreamType type, OutputStream fallback) {
        return new PrintStream(new CellOutputStream(publisher, type, fallback), true, StandardCharsets.UTF_8);
    }

    @Override
    public void write(int b) {
        ByteArrayOutputStream buffer = pending.get();
        buffer.write(b);
        if (b == '\n') {
            flush();
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        ByteArrayOutputStream buffer = pending.get();
        buffer.write(bytes, offset, length);
        for (int i = offset + length - 1; i >= offset; i--) {
            if (bytes[i] == '\n') {
                flush();
                return;
            }
        }
    }

    /** Publishes what the calling thread wrote since its last flush, up to the last complete UTF-8 character. */
    @Override
    public void flush() {
        ByteArrayOutputStream buffer = pending.get();
        if (buffer.size() == 0) {
            return;
        }
        byte[] bytes = buffer.toByteArray();
        int complete = completeUtf8Length(bytes);
        buffer.reset();
        buffer.write(bytes, complete, bytes.length - complete);
        String text = new String(bytes, 0, complete, StandardCharsets.UTF_8);
        if (!publisher.stream(type, text)) {
            synchronized (fallback) {
                try {
                    fallback.write(bytes, 0, complete);
                    fallback.flush();
                } catch (java.io.IOException ignored) {
                    // the kernel's own terminal is gone: nothing left to tell
                }
            }
        }
    }

    /** Length of the longest prefix of {@code bytes} that does not end inside a multi-byte UTF-8 character. */
    static int completeUtf8Length(byte[] bytes) {
        int n = bytes.length;
        for (int back = 1; back <= Math.min(3, n); back++) {
            int b = bytes[n - back] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue;                                   // continuation byte: look further back
            }
            int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? n - back : n;
        }
        return n;
    }
}
