package io.paralab.process;

import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Prints what a pool's tasks printed in their worker on a thread created by the thread that submitted
 * them, so that output routed by an inheritable "which cell" context (as the kernel routes
 * {@code System.out}) lands under the cell that submitted the work, not the one that created the pool.
 * The thread is created unstarted at submit (that is when it inherits the context) and started on the
 * first output; {@link #write} returns once the bytes were printed, so output stays ahead of the result.
 *
 * <pre>{@code
 * OutputRelay output = new OutputRelay();    // at submit, on the submitting thread
 * output.write(bytesTheTaskPrinted);         // on whatever thread receives them; returns once printed
 * output.close();                            // when the submitted work is done
 * }</pre>
 *
 * <p>Thread-safe. Used by every pool of other JVMs ({@link ProcessPool}, the cluster pool) for its tasks' output.
 */
public final class OutputRelay {

    private static final long WRITE_TIMEOUT_SECONDS = 10;

    private record Chunk(byte[] bytes, CompletableFuture<Void> printed) {}

    private static final Chunk END = new Chunk(null, null);

    private final LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    private final Thread printer = Thread.ofVirtual().name("paralab-output-relay").unstarted(this::printLoop);
    private boolean started;
    private boolean closed;

    /** A relay for the calling thread: its printer thread is created now (inheriting the caller's context). */
    public OutputRelay() {
    }

    /**
     * Prints bytes on the submitter's behalf and waits until they were printed (bounded). After
     * {@link #close()} (output of a task that kept running after its work was cancelled), prints them on the
     * calling thread.
     */
    public void write(byte[] bytes) {
        Chunk chunk = new Chunk(bytes, new CompletableFuture<>());
        if (!offer(chunk)) {
            ChildJvm.print(new Message.Output(0, bytes));
            return;
        }
        try {
            chunk.printed().get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // System.out is stuck or failed: the output is late or lost, the pool goes on
        }
    }

    /** The work is done: the printer thread, if it ever started, ends after what is queued. */
    public synchronized void close() {
        closed = true;
        queue.add(END);
    }

    private synchronized boolean offer(Chunk chunk) {
        if (closed) {
            return false;
        }
        queue.add(chunk);
        if (!started) {
            started = true;
            printer.start();
        }
        return true;
    }

    private void printLoop() {
        try {
            for (Chunk chunk = queue.take(); chunk != END; chunk = queue.take()) {
                PrintStream out = System.out;   // looked up each time: the kernel routes it per cell
                out.write(chunk.bytes(), 0, chunk.bytes().length);
                out.flush();
                chunk.printed().complete(null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
