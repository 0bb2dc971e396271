package io.paralab.process;

/**
 * A task's worker JVM ended under it: killed ({@code kill -9}), {@code System.exit} in a task, an
 * {@link OutOfMemoryError}, a crash. The message names the worker, its pid, how it ended and the task's
 * {@linkplain #role() part} in it, e.g. {@code "worker-2 (pid 4242) was killed by signal 9 (SIGKILL) while
 * running task 17"}.
 *
 * <p>A {@link ProcessPool} re-runs the tasks that were merely beside the cause (their role would be
 * {@link Role#BYSTANDER}); they fail with this exception only when their workers died under them again and
 * again. The task that caused the death fails with role {@link Role#CULPRIT} once its retries are spent.
 *
 * <pre>{@code
 * try { future.get(); }
 * catch (ExecutionException e) {
 *     if (e.getCause() instanceof WorkerDiedException died) System.out.println(died.pid() + " " + died.role());
 * }
 * }</pre>
 */
public final class WorkerDiedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The failed task's part in its worker's end. */
    public enum Role {
        /** The task was running when its worker died, and was found to be the cause (or was the only one running). */
        CULPRIT,
        /** The task waited or ran beside the cause; it failed only because its workers kept dying under it. */
        BYSTANDER
    }

    private final String worker;
    private final long pid;
    private final String howItEnded;
    private final Role role;

    /**
     * @param worker         the worker's name
     * @param pid            its process id
     * @param howItEnded     e.g. {@code "was killed by signal 9 (SIGKILL)"}
     * @param role           the task's part in it
     * @param whatTheTaskDid the rest of the message, e.g. {@code "while running task 17"}
     */
    public WorkerDiedException(String worker, long pid, String howItEnded, Role role, String whatTheTaskDid) {
        super(worker + " (pid " + pid + ") " + howItEnded + " " + whatTheTaskDid);
        this.worker = worker;
        this.pid = pid;
        this.howItEnded = howItEnded;
        this.role = role;
    }

    /** The worker's name, e.g. {@code "worker-2"}. */
    public String worker() {
        return worker;
    }

    /** The worker's process id. */
    public long pid() {
        return pid;
    }

    /** How it ended, e.g. {@code "exited with code 3 (OutOfMemoryError: Java heap space)"}. */
    public String howItEnded() {
        return howItEnded;
    }

    /** Whether the task caused its worker's end or was beside the cause. */
    public Role role() {
        return role;
    }
}
