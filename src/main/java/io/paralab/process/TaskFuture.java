package io.paralab.process;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RunnableFuture;

/**
 * The future of a task submitted to a {@link ProcessPool}. {@link #cancel(boolean) cancel(true)} on a
 * running task kills its worker (which the pool replaces); other tasks on that worker are re-run.
 *
 * <pre>{@code
 * Future<Integer> f = pool.submit(() -> 6 * 7);
 * f.get();   // 42, or ExecutionException whose cause is the worker's exception with its remote stack trace
 * }</pre>
 *
 * <p>It is a {@link RunnableFuture} for {@link java.util.concurrent.AbstractExecutorService}'s sake: the task
 * runs in a worker from the moment it is submitted, so {@link #run()} has nothing to do.
 *
 * @param <T> the result type
 */
final class TaskFuture<T> extends CompletableFuture<T> implements RunnableFuture<T> {

    private final PoolScheduler pool;
    private volatile PoolTask task;
    private volatile boolean fixedResult;
    private volatile T result;

    TaskFuture(PoolScheduler pool) {
        this.pool = pool;
    }

    /** Nothing: the task was sent to a worker when it was submitted. */
    @Override
    public void run() {
    }

    /** Whether {@code scheduler}'s pool made it. */
    boolean isOf(PoolScheduler scheduler) {
        return pool == scheduler;
    }

    void attach(PoolTask task) {
        this.task = task;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled && task != null) {
            pool.cancelled(task, mayInterruptIfRunning);
        }
        return cancelled;
    }

    /** For {@code submit(Runnable, result)}: the value to complete with when the remote task succeeds. */
    void resultOnSuccess(T value) {
        result = value;
        fixedResult = true;
    }

    void completeFromWorker(T value) {
        super.complete(fixedResult ? result : value);
    }

    void failFromWorker(Throwable cause) {
        super.completeExceptionally(cause);
    }
}
