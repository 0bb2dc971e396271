package io.paralab.process;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A duplex object pipe between a parent and the child JVM a {@link JvmProcess} started: what one end
 * {@linkplain #send sends}, the other {@linkplain #receive receives}, in order. Objects must be
 * serializable; classes defined in the parent (e.g. in a notebook cell) are loaded by the child on demand.
 * Like Python's {@code multiprocessing.Pipe}, but between JVMs.
 *
 * <pre>{@code
 * try (JvmProcess<Integer> child = JvmProcess.start(pipe -> {
 *     int sum = 0;
 *     for (Object o; !"end".equals(o = pipe.receive()); ) sum += (Integer) o;
 *     return sum;
 * })) {
 *     child.pipe().send(1); child.pipe().send(2); child.pipe().send("end");
 *     System.out.println(child.result());   // 3
 * }
 * }</pre>
 *
 * <p>Methods throw unchecked exceptions so they can be called inside a task lambda: {@link PipeClosedException}
 * when the other end is gone, {@link CancellationException} (with the interrupt flag set again) when the
 * waiting thread is interrupted.
 */
public final class Pipe {

    private static final Object END = new Object();

    private final FrameChannel channel;
    private final ClassLoader loader;
    private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();

    Pipe(FrameChannel channel, ClassLoader loader) {
        this.channel = channel;
        this.loader = loader;
    }

    /**
     * Sends one object to the other end without waiting for it to be read.
     *
     * @throws IllegalArgumentException when the object cannot be serialized, naming the culprit
     * @throws PipeClosedException      when the other end is gone
     */
    public void send(Object message) {
        if (inbox.peek() == END) {
            throw new PipeClosedException("the pipe is closed: the other process ended");
        }
        channel.send(new Message.PipeMessage(SerializationProbe.encodeOrExplain(message, "the pipe message")));
    }

    /** Waits for the next object from the other end. */
    @SuppressWarnings("unchecked")
    public <T> T receive() {
        try {
            return (T) decode(inbox.take());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting on the pipe");
        }
    }

    /** Waits up to {@code timeout} for the next object; empty when none came in time. */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> receive(Duration timeout) {
        try {
            Object next = inbox.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return next == null ? Optional.empty() : Optional.ofNullable((T) decode(next));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting on the pipe");
        }
    }

    void deliver(byte[] payload) {
        inbox.add(payload);
    }

    void end() {
        inbox.add(END);
    }

    private Object decode(Object next) {
        if (next == END) {
            inbox.add(END);   // every later receive sees the end too
            throw new PipeClosedException("the pipe is closed: the other process ended");
        }
        try {
            return ValueCodec.decode((byte[]) next, loader);
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot decode a pipe message: " + e.getMessage(), e);
        }
    }

    /** Thrown by a {@link Pipe} whose other end is gone. */
    public static final class PipeClosedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PipeClosedException(String message) {
            super(message);
        }
    }
}
