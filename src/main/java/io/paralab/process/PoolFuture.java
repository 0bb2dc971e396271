package io.paralab.process;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RunnableFuture;

/**
 * The future of a task submitted to an {@link AbstractTaskPool}: completed by the pool when the task's JVM
 * answers. {@link #cancel(boolean) cancel} tells the pool, which stops the task where it is (how depends on
 * the pool: {@link ProcessPool} kills a worker running it, a cluster pool interrupts its thread on the member).
 *
 * <pre>{@code
 * Future<Integer> f = pool.submit(() -> 6 * 7);
 * f.get();   // 42, or ExecutionException whose cause is the remote exception with its remote stack trace
 * }</pre>
 *
 * <p>It is a {@link RunnableFuture} for {@link java.util.concurrent.AbstractExecutorService}'s sake: the task
 * runs in another JVM from the moment it is submitted, so {@link #run()} has nothing to do.
 *
 * @param <T> the result type
 */
public abstract class PoolFuture<T> extends CompletableFuture<T> implements RunnableFuture<T> {

    private final AbstractTaskPool pool;
    private volatile boolean fixedResult;
    private volatile T result;

    /** A future of a task of {@code pool}. */
    protected PoolFuture(AbstractTaskPool pool) {
        this.pool = pool;
    }

    /** Nothing: the task was sent when it was submitted. */
    @Override
    public final void run() {
    }

    /** Whether {@code pool} made it. */
    final boolean isOf(AbstractTaskPool pool) {
        return this.pool == pool;
    }

    /** Cancels the future, then tells the pool ({@link #cancelled}) when this call cancelled it. */
    @Override
    public final boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            cancelled(mayInterruptIfRunning);
        }
        return cancelled;
    }

    /** The pool's part of a cancel: stop the task wherever it is. */
    protected abstract void cancelled(boolean mayInterruptIfRunning);

    /** For {@code submit(Runnable, result)}: the value to complete with when the remote task succeeds. */
    final void resultOnSuccess(T value) {
        result = value;
        fixedResult = true;
    }

    /** Completes with the task's value, or with the fixed result of {@code submit(Runnable, result)}. */
    @SuppressWarnings("unchecked")
    protected final void completeWithValue(Object value) {
        super.complete(fixedResult ? result : (T) value);
    }

    /** Completes with what the task threw, or why it could not run. */
    protected final void completeWithFailure(Throwable cause) {
        super.completeExceptionally(cause);
    }
}
