package io.paralab.process;

/**
 * The future of a task submitted to a {@link ProcessPool}. {@link #cancel(boolean) cancel(true)} on a
 * running task kills its worker (which the pool replaces); other tasks on that worker are re-run.
 *
 * <pre>{@code
 * Future<Integer> f = pool.submit(() -> 6 * 7);
 * f.get();   // 42, or ExecutionException whose cause is the worker's exception with its remote stack trace
 * }</pre>
 *
 * @param <T> the result type
 */
final class TaskFuture<T> extends PoolFuture<T> {

    private final PoolScheduler scheduler;
    private volatile PoolTask task;

    TaskFuture(ProcessPool pool, PoolScheduler scheduler) {
        super(pool);
        this.scheduler = scheduler;
    }

    void attach(PoolTask task) {
        this.task = task;
    }

    @Override
    protected void cancelled(boolean mayInterruptIfRunning) {
        PoolTask t = task;
        if (t != null) {
            scheduler.cancelled(t, mayInterruptIfRunning);
        }
    }
}
