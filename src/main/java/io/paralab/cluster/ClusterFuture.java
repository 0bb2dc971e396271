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

    ClusterFuture(ClusterPool pool) {
        super(pool);
    }

    /** A cancel stops {@code task}: dropped while it waits, its thread on the member interrupted while it runs. */
    void attach(RemoteTask task, ClusterScheduler scheduler) {
        onCancel(interrupt -> scheduler.cancelled(task, interrupt));
    }

    void completeFromMember(Object value) {
        completeWithValue(value);
    }

    void failFromMember(Throwable cause) {
        completeWithFailure(cause);
    }
}
