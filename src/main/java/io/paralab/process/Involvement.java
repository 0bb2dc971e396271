package io.paralab.process;

import java.util.Set;

/**
 * A task's part in its worker's death, as far as the pool can tell. A worker that dies by itself names the
 * task at fault when it can ({@code System.exit} from a task thread, an {@link OutOfMemoryError} on one);
 * after a SIGKILL, {@code Runtime.halt} or a crash it cannot, and then every task that may have been running
 * is a suspect unless it ran alone.
 */
enum Involvement {
    /** It caused the death: named by the worker, or the only task that may have been running. */
    CULPRIT,
    /** It may have caused it: it may have been running beside others when a death nobody explained came. */
    SUSPECT,
    /** It did not cause it: it waited in the worker's queue, or another task was named. */
    BYSTANDER;

    /**
     * Decides a task's part.
     *
     * @param taskId          the task
     * @param placement       whether it ran alone on the worker
     * @param mayHaveRun      whether it may have been running when the worker died (reported started, or
     *                        among the oldest tasks sent, one per worker thread)
     * @param maybeRunning    how many of the worker's tasks may have been running, this one included
     * @param namedCulprits   the tasks the dying worker named as the cause; empty when it named none
     */
    static Involvement of(int taskId, Placement placement, boolean mayHaveRun, int maybeRunning,
                          Set<Integer> namedCulprits) {
        if (!namedCulprits.isEmpty()) {
            return namedCulprits.contains(taskId) ? CULPRIT : BYSTANDER;
        }
        if (!mayHaveRun) {
            return BYSTANDER;
        }
        return placement == Placement.ALONE || maybeRunning == 1 ? CULPRIT : SUSPECT;
    }
}
