package io.paralab.process;

/** Why the pool itself killed a worker (SIGKILL); the tasks it held are then decided by {@link TaskFate#decide}. */
enum KillReason {
    /** To stop a running task whose future was cancelled with interruption. */
    CANCEL,
    /** A task on it ran longer than the pool's task timeout. */
    TIMEOUT,
    /** {@link ProcessPool#shutdownNow()} (or the cancelled scope that created the pool). */
    SHUTDOWN
}
