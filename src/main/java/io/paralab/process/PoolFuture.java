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
public class PoolFuture<T> extends CompletableFuture<T> implements RunnableFuture<T> {

    /** What stops a task where it is, told whether it may interrupt the task's thread. */
    @FunctionalInterface
    protected interface Canceller {
        void cancel(boolean mayInterruptIfRunning);
    }

    private final AbstractTaskPool pool;
    private volatile Canceller canceller;
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

    /** Sets what stops the task when this future is cancelled; the pool calls it once, as it makes the task. */
    protected final void onCancel(Canceller canceller) {
        this.canceller = canceller;
    }

    /** Cancels the future, then stops the task ({@link #onCancel}) when this call cancelled it. */
    @Override
    public final boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        Canceller stop = canceller;
        if (cancelled && stop != null) {
            stop.cancel(mayInterruptIfRunning);
        }
        return cancelled;
    }

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
