package io.paralab.kernel.streams;

import io.paralab.kernel.execution.CellContext;

import org.dflib.jjava.jupyter.messages.publish.PublishStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The kernel's {@code System.out} / {@code System.err}: bytes written by a thread are published as a {@code stream}
 * message under the cell it works for ({@link CellContext#forOutput()}); before any cell ran they go to the stream
 * the JVM started with.
 *
 * <p>Each thread buffers its own bytes, so lines of threads printing at the same time do not mix. Output is batched
 * as ipykernel batches it: a line that ends after a quiet spell of {@link #FLUSH_INTERVAL_MS} ms is published at
 * once; lines that follow it within that time wait until the interval is over or {@link #FLUSH_SIZE} bytes are
 * pending, and go as one message. So 100,000 {@code println}s become a few dozen messages instead of 100,000, which
 * no front end can keep up with. Text without a line end waits at most {@link #FLUSH_INTERVAL_MS} ms (so
 * {@code print(".")} progress dots show up, also from threads that end without flushing); {@code flush()} publishes
 * at once. No byte is dropped.
 *
 * <pre>{@code
 * System.setOut(CellOutputStream.printStream(publisher, PublishStream.StreamType.OUT, System.out));
 * }</pre>
 */
public final class CellOutputStream extends OutputStream {

    /** Longest time written bytes wait for a line end before they are published anyway. */
    static final long FLUSH_INTERVAL_MS = 100;
    /** Pending bytes that are published without waiting for the interval. */
    static final int FLUSH_SIZE = 64 * 1024;

    /** What one thread wrote and has not published yet, and for which cell. */
    private static final class Pending {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Optional<CellContext> cell = Optional.empty();
        /** {@link System#nanoTime()} of the last publication. */
        long publishedAt = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(FLUSH_INTERVAL_MS);
    }

    private final CellPublisher publisher;
    private final PublishStream.StreamType type;
    private final OutputStream fallback;
    private final Map<Thread, Pending> pending = new ConcurrentHashMap<>();

    private CellOutputStream(CellPublisher publisher, PublishStream.StreamType type, OutputStream fallback) {
        this.publisher = publisher;
        this.type = type;
        this.fallback = fallback;
    }

    /**
     * A UTF-8 print stream over a new {@code CellOutputStream}. It does not auto-flush: the stream publishes at line
     * ends by itself, and an auto-flushing {@code PrintStream} flushes after every piece {@code printf} writes,
     * which would publish {@code printf("%d-%d%n", 1, 2)} as four messages. An explicit {@code flush()} still
     * publishes at once.
     */
    public static PrintStream printStream(CellPublisher publisher, PublishStream.StreamType type, OutputStream fallback) {
        CellOutputStream stream = new CellOutputStream(publisher, type, fallback);
        Thread.ofPlatform().name("paralab-" + type.name().toLowerCase() + "-flusher").daemon()
                .start(stream::flushPeriodically);
        return new PrintStream(stream, false, StandardCharsets.UTF_8);
    }

    @Override
    public void write(int b) {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        Pending mine = pending.computeIfAbsent(Thread.currentThread(), t -> new Pending());
        Optional<CellContext> cell = CellContext.forOutput();
        synchronized (mine) {
            if (!mine.cell.equals(cell)) {
                publish(mine, false);                    // the thread moved to another cell
                mine.cell = cell;
            }
            mine.bytes.write(bytes, offset, length);
            if (mine.bytes.size() >= FLUSH_SIZE || endsLine(bytes, offset, length) && quietSince(mine.publishedAt)) {
                publish(mine, false);
            }
        }
    }

    /**
     * Publishes what the calling thread wrote since its last flush, and what other threads wrote for the calling
     * thread's cell (a parallel stream's workers): the kernel flushes before a cell's reply, so nothing a cell's
     * threads printed while it ran arrives after it.
     */
    @Override
    public void flush() {
        Optional<CellContext> cell = CellContext.forOutput();
        Thread me = Thread.currentThread();
        pending.forEach((thread, buffer) -> {
            synchronized (buffer) {
                if (thread == me || cell.isPresent() && buffer.cell.equals(cell)) {
                    publish(buffer, false);
                }
            }
        });
    }

    private static boolean endsLine(byte[] bytes, int offset, int length) {
        for (int i = offset + length - 1; i >= offset; i--) {
            if (bytes[i] == '\n') {
                return true;
            }
        }
        return false;
    }

    private static boolean quietSince(long publishedAt) {
        return System.nanoTime() - publishedAt >= TimeUnit.MILLISECONDS.toNanos(FLUSH_INTERVAL_MS);
    }

    private void flushPeriodically() {
        while (true) {
            try {
                TimeUnit.MILLISECONDS.sleep(FLUSH_INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
            pending.forEach((thread, buffer) -> {
                synchronized (buffer) {
                    publish(buffer, !thread.isAlive());
                    if (!thread.isAlive()) {
                        pending.remove(thread);
                    }
                }
            });
        }
    }

    /** Publishes the complete UTF-8 characters of {@code buffer} (all bytes when {@code everything}). */
    private void publish(Pending buffer, boolean everything) {
        if (buffer.bytes.size() == 0) {
            return;
        }
        byte[] bytes = buffer.bytes.toByteArray();
        int complete = everything ? bytes.length : completeUtf8Length(bytes);
        buffer.bytes.reset();
        buffer.bytes.write(bytes, complete, bytes.length - complete);
        if (complete == 0) {
            return;
        }
        buffer.publishedAt = System.nanoTime();
        String text = new String(bytes, 0, complete, StandardCharsets.UTF_8);
        if (buffer.cell.isPresent()) {
            publisher.stream(buffer.cell.get(), type, text);
        } else {
            synchronized (fallback) {
                try {
                    fallback.write(bytes, 0, complete);
                    fallback.flush();
                } catch (IOException ignored) {
                    // the kernel's own terminal is gone: nothing left to tell
                }
            }
        }
    }

    /** Length of the longest prefix of {@code bytes} that does not end inside a multi-byte UTF-8 character. */
    public static int completeUtf8Length(byte[] bytes) {
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
