package io.paralab.kernel.execution;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs each cell on a fresh thread in a thread group of its own, bound to the cell's {@link CellContext}, and stops
 * it on {@link #interrupt()}: the cell's {@code CancellationScope} is cancelled, cell code stops at its next
 * {@link CellStop} check, and every thread of the cell's group is interrupted (sleeps, joins, {@code Future.get}).
 *
 * <pre>{@code
 * Object value = runner.run(cell, () -> evaluator.evaluate(code, 7));   // on the shell thread
 * runner.interrupt();                                                    // from the control thread
 * }</pre>
 */
public final class CellRunner {

    private record Running(CellContext cell, ThreadGroup group) {
    }

    private Running running;
    private boolean interrupted;

    /**
     * Runs {@code body} for {@code cell} and waits for it.
     *
     * @return what the body returned
     * @throws CellFailure what the body threw, or an "Interrupted" failure when the cell was interrupted
     */
    @SuppressWarnings("try")          // the binding is held, not used
    public <T> T run(CellContext cell, Callable<T> body) {
        CellStop.reset();
        ThreadGroup group = new ThreadGroup("cell-" + cell.executionCount());
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(group, () -> {
            try (CellContext.Binding ignored = cell.enter()) {
                try {
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
            running = new Running(cell, group);
            interrupted = false;
        }
        try {
            thread.start();
            return result.join();
        } catch (CompletionException e) {
            if (wasInterrupted()) {
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
        }
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
