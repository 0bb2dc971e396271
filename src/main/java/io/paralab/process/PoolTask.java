package io.paralab.process;

import io.paralab.threads.CancellationScope;

import java.util.concurrent.ScheduledFuture;

/**
 * One unit of work in a {@link ProcessPool}, seen from the parent: a function, its encoded arguments (one
 * map chunk, or none), its future, and where it is ({@link TaskState}).
 *
 * <p>Locking: the final fields are safe to read anywhere; every other field is guarded by the scheduler's
 * lock ({@code PoolScheduler.lock}), as is {@link FunctionRef#outstanding}. The future is completed outside
 * that lock.
 */
final class PoolTask {

    /**
     * A function shipped once to each worker that runs tasks of it, with the cell variables it reads as they
     * were at submit; forgotten when its last task ends.
     */
    static final class FunctionRef {
        final int id;
        final byte[] bytes;
        final ClassLoader loader;
        /** The cell variables it reads, as they were at submit. */
        final CellValues cellValues;
        /** Tasks of it not yet {@link TaskState#DONE}; guarded by the pool's lock. */
        int outstanding;

        FunctionRef(int id, byte[] bytes, ClassLoader loader, CellValues cellValues, int outstanding) {
            this.id = id;
            this.bytes = bytes;
            this.loader = loader;
            this.cellValues = cellValues;
            this.outstanding = outstanding;
        }
    }

    final int id;
    final FunctionRef function;
    final TaskMode mode;
    final byte[] arguments;
    final String label;
    final PoolFuture<?> future;
    final Runnable local;
    final OutputRelay output;
    /** How many retries the pool gives each task. */
    final int retries;
    /** The scope of the thread that submitted it (a notebook cell's), told when it cannot start; null outside one. */
    final CancellationScope scope;

    /** Where it is; guarded by the pool's lock. */
    TaskState state = TaskState.QUEUED;
    /** Whether it may share a worker; guarded by the pool's lock. */
    Placement placement = Placement.SHARED;
    /** The worker holding it while {@link TaskState#SENT} or {@link TaskState#RUNNING}, else null; guarded. */
    PoolWorker worker;
    /** Runs left for when it causes its worker's death; guarded. */
    int retriesLeft;
    /** Worker deaths it lived through without causing them; guarded. */
    int requeues;
    /** Its timeout while {@link TaskState#RUNNING} on a pool with a task timeout, else null; guarded. */
    ScheduledFuture<?> timeout;

    PoolTask(int id, FunctionRef function, TaskMode mode, byte[] arguments, String label, PoolFuture<?> future,
             Runnable local, OutputRelay output, int retries) {
        this.id = id;
        this.function = function;
        this.mode = mode;
        this.arguments = arguments;
        this.label = label;
        this.future = future;
        this.local = local;
        this.output = output;
        this.retries = retries;
        this.retriesLeft = retries;
        this.scope = CancellationScope.current().orElse(null);
    }

    /** What {@link TaskFate#decide} needs of it, given its part in its worker's end. Call under the pool's lock. */
    TaskFate.Task view(Involvement involvement) {
        return new TaskFate.Task(id, label, state, future.state(), placement, involvement, retriesLeft, retries, requeues);
    }

    void complete(Object value) {
        future.completeWithValue(value);
    }

    void fail(Throwable cause) {
        future.completeWithFailure(cause);
    }

    /**
     * Fails it with what kept it from starting in {@code worker} (its function or cell variables could not be loaded
     * there), and gives up the waits of its submitter's scope: a thread of that scope waiting on shared memory for
     * this task (a producer on a full queue it was to drain) would otherwise wait forever.
     */
    void failUnstarted(Throwable cause, String worker) {
        fail(cause);
        if (scope != null) {
            scope.abandonWaits(new TaskFailedException(label + " could not start in " + worker, cause));
        }
    }
}
