package io.paralab.process;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A framed, duplex channel over a connected Unix-domain socket. {@link #send} only queues: one writer
 * thread writes everything queued and flushes once per batch, so many small frames cost one system call.
 * {@link #receive} is meant for a single reader thread.
 */
final class FrameChannel implements AutoCloseable {

    private static final int BUFFER = 1 << 16;

    private final SocketChannel socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final LinkedBlockingQueue<Object> outbox = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    FrameChannel(SocketChannel socket, String name) {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(new SocketInput(socket), BUFFER));
        this.out = new DataOutputStream(new BufferedOutputStream(new SocketOutput(socket), BUFFER));
        this.writer = Thread.ofPlatform().daemon().name(name + "-writer").start(this::writeLoop);
    }

    /** Queues a frame for the writer thread; frames sent after {@link #close()} are dropped. */
    void send(Message message) {
        if (!closed) {
            outbox.add(message);
        }
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

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket whose peer is gone: nothing left to release
        }
        writer.interrupt();
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
                batch.clear();
            }
        } catch (InterruptedException | IOException e) {
            // closed, or the peer is gone: the reader sees the end of the channel and reports it
            closed = true;
        }
    }

    /** Reads a blocking socket channel without the channel-wide lock of {@code Channels.newInputStream}. */
    private static final class SocketInput extends InputStream {
        private final SocketChannel socket;

        SocketInput(SocketChannel socket) {
            this.socket = socket;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return len == 0 ? 0 : socket.read(ByteBuffer.wrap(b, off, len));
        }
    }

    /** Writes a blocking socket channel fully. */
    private static final class SocketOutput extends OutputStream {
        private final SocketChannel socket;

        SocketOutput(SocketChannel socket) {
            this.socket = socket;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
            while (buffer.hasRemaining()) {
                socket.write(buffer);
            }
        }
    }
}
