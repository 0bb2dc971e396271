package io.paralab.process;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A framed, duplex channel over a pair of byte streams: a child's stdin and stdout pipes, seen from
 * either end. {@link #send} only queues: one writer thread writes everything queued and flushes once per
 * batch, so many small frames cost one system call. {@link #receive} is meant for a single reader thread.
 */
final class FrameChannel implements AutoCloseable {

    private static final int BUFFER = 1 << 16;
    /** Queued by {@link #endOutput()}: the writer closes the outgoing stream when it reaches it. */
    private static final Object END_OF_OUTPUT = new Object();

    private final InputStream rawIn;
    private final OutputStream rawOut;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final LinkedBlockingQueue<Object> outbox = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    FrameChannel(InputStream in, OutputStream out, String name) {
        this.rawIn = in;
        this.rawOut = out;
        this.in = new DataInputStream(new BufferedInputStream(in, BUFFER));
        this.out = new DataOutputStream(new BufferedOutputStream(out, BUFFER));
        this.writer = new Thread(this::writeLoop, name + "-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues a frame for the writer thread; frames sent after {@link #close()} are dropped. */
    void send(Message message) {
        if (!closed) {
            outbox.add(message);
        }
    }

    /**
     * Ends the outgoing stream once everything queued so far is written: the other end reads end-of-file, while
     * this end goes on receiving. Later {@link #send}s are dropped.
     */
    void endOutput() {
        outbox.add(END_OF_OUTPUT);
    }

    /** Waits until everything queued so far is written and flushed, or the timeout passed. */
    boolean flush(long timeoutMillis) throws InterruptedException {
        CountDownLatch written = new CountDownLatch(1);
        outbox.add(written);
        return written.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Reads the next frame; {@link java.io.EOFException} or another {@link IOException} when the channel ended. */
    Message receive() throws IOException {
        return Message.read(in);
    }

    /** Closes the outgoing stream (the other end reads end-of-file) and the incoming one. */
    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        try {
            rawOut.close();
        } catch (IOException ignored) {
            // the other end is gone already
        }
        try {
            rawIn.close();
        } catch (IOException ignored) {
            // the other end is gone already
        }
    }

    private void writeLoop() {
        List<Object> batch = new ArrayList<>();
        try {
            while (!closed) {
                batch.add(outbox.take());
                outbox.drainTo(batch);
                for (Object item : batch) {
                    if (item instanceof Message message) {
                        Message.write(message, out);
                    }
                }
                out.flush();
                for (Object item : batch) {
                    if (item instanceof CountDownLatch written) {
                        written.countDown();
                    }
                }
                if (batch.contains(END_OF_OUTPUT)) {
                    closed = true;
                    rawOut.close();
                    return;
                }
                batch.clear();
            }
        } catch (InterruptedException | IOException e) {
            // closed, or the other end is gone: the reader sees the end of the channel and reports it
            closed = true;
        }
    }
}
