package io.paralab.process;

import java.util.concurrent.Future;

/**
 * What happens to a task whose worker ended while it held the task: the pool's one decision about a lost
 * worker, as a pure function ({@link #decide}) of the task and of how the worker ended.
 *
 * <table>
 *   <caption>The decision</caption>
 *   <tr><th>the worker</th><th>the task</th><th>its fate</th></tr>
 *   <tr><td>any</td><td>its future is complete (cancelled)</td><td>{@link Forget}</td></tr>
 *   <tr><td>killed by the pool for a timeout</td><td>the task that timed out</td>
 *       <td>{@link Fail} with a {@link TaskTimeoutException}</td></tr>
 *   <tr><td>killed by the pool (cancel, timeout, shutdown)</td><td>any other</td>
 *       <td>{@link Requeue}, counted nowhere</td></tr>
 *   <tr><td rowspan="3">died</td><td>{@link Involvement#CULPRIT}</td>
 *       <td>{@link Requeue} using one of its retries; none left: {@link Fail} with a {@link WorkerDiedException}
 *       of role {@link WorkerDiedException.Role#CULPRIT}</td></tr>
 *   <tr><td>{@link Involvement#SUSPECT}</td><td>{@link Requeue} to run {@link Placement#ALONE}, not using a retry</td></tr>
 *   <tr><td>{@link Involvement#BYSTANDER}</td><td>{@link Requeue}, not using a retry</td></tr>
 * </table>
 * A task requeued without using a retry counts the deaths it lived through; after {@value #MAX_REQUEUES}
 * it fails with a {@link WorkerDiedException} of role {@link WorkerDiedException.Role#BYSTANDER}, so a pool
 * whose workers keep dying cannot cycle a task for ever.
 */
sealed interface TaskFate {

    /** How many worker deaths a task lives through without being their cause before it fails. */
    int MAX_REQUEUES = 3;

    /** The task is over already (its future was completed elsewhere): nothing to run, nothing to report. */
    record Forget() implements TaskFate {}

    /**
     * The task goes back to the front of the queue.
     *
     * @param count     what the run that was lost counts against
     * @param placement how it is to run next
     */
    record Requeue(Count count, Placement placement) implements TaskFate {}

    /** The task fails with this exception. */
    record Fail(Exception exception) implements TaskFate {}

    /** What a lost run counts against. */
    enum Count {
        /** One of the task's retries: it caused the death. */
        RETRY,
        /** The deaths it lived through without being their cause (at most {@value #MAX_REQUEUES}). */
        REQUEUE,
        /** Nothing: the pool killed the worker for another task or for shutdown. */
        NOTHING
    }

    /**
     * What the pool knows of one task held by a worker that ended.
     *
     * @param state       {@link TaskState#SENT} or {@link TaskState#RUNNING}
     * @param future      the state of the task's future
     * @param involvement its part in the death, when the worker died ({@link Involvement#of})
     * @param retriesLeft how many more runs it may have when it caused a death
     * @param retries     how many retries the pool gives each task, for the message
     * @param requeues    how many deaths it lived through without being their cause
     */
    record Task(int id, String label, TaskState state, Future.State future, Placement placement,
                Involvement involvement, int retriesLeft, int retries, int requeues) {}

    /**
     * Decides one task's fate. Pure: no side effects, the same answer for the same arguments.
     *
     * @throws IllegalArgumentException when the task is not held by a worker ({@link TaskState#QUEUED} or
     *                                  {@link TaskState#DONE})
     */
    static TaskFate decide(Task task, WorkerEnd end) {
        if (task.state() != TaskState.SENT && task.state() != TaskState.RUNNING) {
            throw new IllegalArgumentException(task.label() + " is " + task.state() + ", not held by a worker");
        }
        if (task.future() != Future.State.RUNNING) {
            return new Forget();
        }
        return switch (end) {
            case WorkerEnd.Killed killed when killed.reason() == KillReason.TIMEOUT && killed.forTask() == task.id() ->
                    new Fail(new TaskTimeoutException(task.label() + " ran longer than " + killed.taskTimeout().toMillis()
                            + " ms in " + killed.worker() + " (pid " + killed.pid() + "); the worker was killed and replaced"));
            case WorkerEnd.Killed killed -> new Requeue(Count.NOTHING, task.placement());
            case WorkerEnd.Died died -> switch (task.involvement()) {
                case CULPRIT -> task.retriesLeft() > 0 ? new Requeue(Count.RETRY, Placement.SHARED)
                        : new Fail(new WorkerDiedException(died.worker(), died.pid(), died.how(),
                                WorkerDiedException.Role.CULPRIT, culpritText(task)));
                case SUSPECT -> task.requeues() < MAX_REQUEUES ? new Requeue(Count.REQUEUE, Placement.ALONE)
                        : new Fail(new WorkerDiedException(died.worker(), died.pid(), died.how(),
                                WorkerDiedException.Role.BYSTANDER, bystanderText(task)));
                case BYSTANDER -> task.requeues() < MAX_REQUEUES ? new Requeue(Count.REQUEUE, task.placement())
                        : new Fail(new WorkerDiedException(died.worker(), died.pid(), died.how(),
                                WorkerDiedException.Role.BYSTANDER, bystanderText(task)));
            };
        };
    }

    private static String culpritText(Task task) {
        return "while running " + task.label() + (task.placement() == Placement.ALONE ? ", which ran alone on it" : "")
                + (task.retries() > 0 ? " (after " + task.retries() + " retries)" : "");
    }

    private static String bystanderText(Task task) {
        return "while " + task.label() + (task.state() == TaskState.RUNNING ? " ran beside other tasks" : " waited in its queue")
                + "; it was not found to be the cause, but its worker died under it " + (task.requeues() + 1)
                + " times, so it is not run again";
    }
}
