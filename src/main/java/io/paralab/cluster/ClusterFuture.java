package io.paralab.cluster;

import io.paralab.process.PoolFuture;

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
final class ClusterFuture<T> extends PoolFuture<T> {

    private final ClusterScheduler scheduler;
    private volatile RemoteTask task;

    ClusterFuture(ClusterPool pool, ClusterScheduler scheduler) {
        super(pool);
        this.scheduler = scheduler;
    }

    void attach(RemoteTask task) {
        this.task = task;
    }

    @Override
    protected void cancelled(boolean mayInterruptIfRunning) {
        RemoteTask t = task;
        if (t != null) {
            scheduler.cancelled(t, mayInterruptIfRunning);
        }
    }

    void completeFromMember(Object value) {
        completeWithValue(value);
    }

    void failFromMember(Throwable cause) {
        completeWithFailure(cause);
    }
}
