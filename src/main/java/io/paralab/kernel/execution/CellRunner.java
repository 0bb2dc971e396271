package io.paralab.kernel.execution;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs each cell on a fresh thread in a thread group of its own, bound to the cell's {@link CellContext}, and stops
 * it on {@link #interrupt()}: the cell's {@code CancellationScope} is cancelled, cell code stops at its next
 * {@link CellStop} check, the evaluator stops before the cell's next snippet, and every thread of the cell's group is
 * interrupted (sleeps, joins, {@code Future.get}). A cell still busy {@link #INTERRUPT_GRACE_MS} ms after the
 * interrupt — the compiler working on one large snippet, which nothing can interrupt — is answered "interrupted" at
 * once and left to end in the background; its code does not run, and the next cell waits for the compiler.
 *
 * <pre>{@code
 * Object value = runner.run(cell, () -> evaluator.evaluate(code, 7));   // on the shell thread
 * runner.interrupt();                                                    // from the control thread
 * }</pre>
 */
public final class CellRunner {

    private record Running(CellContext cell, ThreadGroup group, Thread thread, CompletableFuture<?> result) {
    }

    /** How long an interrupted cell may take to end before it is answered "interrupted" and left behind. */
    static final long INTERRUPT_GRACE_MS = 1_500;

    private Running running;
    private boolean interrupted;
    /** The thread of a cell answered "interrupted" while still running, until it ends. */
    private Thread abandoned;

    /**
     * Runs {@code body} for {@code cell} and waits for it.
     *
     * @return what the body returned
     * @throws CellFailure what the body threw, or an "Interrupted" failure when the cell was interrupted
     */
    @SuppressWarnings("try")          // the binding is held, not used
    public <T> T run(CellContext cell, Callable<T> body) {
        Thread previous;
        synchronized (this) {
            previous = abandoned != null && abandoned.isAlive() ? abandoned : null;
            abandoned = null;
            if (previous == null) {
                CellStop.reset();
            }
        }
        ThreadGroup group = new ThreadGroup("cell-" + cell.executionCount());
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(group, () -> {
            try (CellContext.Binding ignored = cell.enter()) {
                try {
                    awaitEnd(previous);
                    result.complete(body.call());
                } finally {
                    System.out.flush();
                    System.err.flush();
                }
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "cell-" + cell.executionCount());
        synchronized (this) {
            running = new Running(cell, group, thread, result);
            interrupted = false;
        }
        try {
            thread.start();
            return result.join();
        } catch (CompletionException e) {
            if (wasInterrupted()) {
                synchronized (this) {
                    abandoned = thread.isAlive() ? thread : previous;   // the older one, if this one never started
                }
                throw interruptedFailure();
            }
            if (e.getCause() instanceof CellFailure failure) {
                throw failure;
            }
            throw asFailure(e.getCause());
        } finally {
            synchronized (this) {
                running = null;
            }
        }
    }

    /**
     * Waits until the thread of an abandoned cell ended (JShell takes one snippet at a time), then disarms the stop
     * checks, which stayed armed so that the abandoned cell's code does not run — unless this cell was interrupted
     * meanwhile.
     */
    private void awaitEnd(Thread previous) throws InterruptedException {
        if (previous == null) {
            return;
        }
        previous.join();
        synchronized (this) {
            if (!interrupted) {
                CellStop.reset();
            }
        }
    }

    /**
     * Interrupts the running cell, if any.
     *
     * @return whether a cell was running
     */
    public boolean interrupt() {
        Running target;
        synchronized (this) {
            target = running;
            if (target == null) {
                return false;
            }
            interrupted = true;
        }
        CellStop.request();
        try {
            target.cell().scope().cancel();
        } finally {
            Thread[] threads = new Thread[target.group().activeCount() + 16];
            int count = target.group().enumerate(threads);
            for (int i = 0; i < count; i++) {
                threads[i].interrupt();
            }
            CompletableFuture.delayedExecutor(INTERRUPT_GRACE_MS, TimeUnit.MILLISECONDS)
                    .execute(() -> target.result().completeExceptionally(interruptedFailure()));
        }
        return true;
    }

    /**
     * Ends the running cell with {@code error} if {@code thread} is the thread it runs on, which will not return
     * (see {@link ExitGuard}).
     *
     * @return whether {@code thread} ran the running cell
     */
    synchronized boolean failRunningCell(Thread thread, Throwable error) {
        if (running == null || running.thread() != thread) {
            return false;
        }
        running.result().completeExceptionally(error);
        return true;
    }

    private synchronized boolean wasInterrupted() {
        return interrupted;
    }

    static CellFailure interruptedFailure() {
        return new CellFailure("Interrupted", "the cell was interrupted",
                List.of("Interrupted: the cell was stopped by a kernel interrupt; variables defined before are kept"));
    }

    private static CellFailure asFailure(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage();
        return new CellFailure(t.getClass().getName(), message,
                List.of(t.getClass().getName() + (message.isEmpty() ? "" : ": " + message)));
    }
}
