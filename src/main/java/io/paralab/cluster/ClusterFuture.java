package io.paralab.cluster;

import java.util.concurrent.CompletableFuture;

/**
 * The future of a task submitted to a {@link ClusterPool}. {@link #cancel(boolean) cancel(true)} on a running
 * task interrupts its thread on the member.
 *
 * <pre>{@code
 * Future<Integer> f = pool.submit(() -> 6 * 7);
 * f.get();   // 42, or ExecutionException whose cause is the member's exception with its remote stack trace
 * }</pre>
 *
 * @param <T> the result type
 */
final class ClusterFuture<T> extends CompletableFuture<T> {

    private final ClusterScheduler scheduler;
    private volatile RemoteTask task;
    private volatile boolean fixedResult;
    private volatile T result;

    ClusterFuture(ClusterScheduler scheduler) {
        this.scheduler = scheduler;
    }

    void attach(RemoteTask task) {
        this.task = task;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled && task != null) {
            scheduler.cancelled(task, mayInterruptIfRunning);
        }
        return cancelled;
    }

    /** For {@code submit(Runnable, result)}: the value to complete with when the remote task succeeds. */
    void resultOnSuccess(T value) {
        result = value;
        fixedResult = true;
    }

    @SuppressWarnings("unchecked")
    void completeFromMember(Object value) {
        super.complete(fixedResult ? result : (T) value);
    }

    void failFromMember(Throwable cause) {
        super.completeExceptionally(cause);
    }
}
