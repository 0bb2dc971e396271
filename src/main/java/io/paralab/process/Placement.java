package io.paralab.process;

/** Whether a task may share its worker with other tasks. */
enum Placement {
    /** Beside other tasks, up to the worker's threads plus its prefetch. */
    SHARED,
    /**
     * Alone on a worker, which takes nothing else while it runs: a task that was running when its worker died
     * of a cause nobody could pin on one task runs again alone, so a second death is its own.
     */
    ALONE
}
