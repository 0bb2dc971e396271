package io.paralab.process;

/**
 * Where a {@link PoolTask} is, seen from the pool. Moves only forward, except that a task whose worker ended
 * under it goes back to {@link #QUEUED} when it is to run again:
 * <pre>
 * QUEUED ──dispatch──▶ SENT ──worker reports it started──▶ RUNNING ──answer──▶ DONE
 *    ▲                  │                                     │
 *    └──── requeued ────┴──────── its worker ended ───────────┘──── failed ───▶ DONE
 * </pre>
 * A task's future may complete (cancelled) while the task is still {@code SENT} or {@code RUNNING}: the
 * state says where the task is, the future what its submitter sees.
 */
enum TaskState {
    /** In the pool's queue, on no worker. */
    QUEUED,
    /** Sent to a worker, which has not reported that it started it. */
    SENT,
    /** The worker reported that one of its threads started it. */
    RUNNING,
    /** Answered, failed, or dropped from the queue: the pool holds it no longer. */
    DONE
}
