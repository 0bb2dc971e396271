package io.paralab.process;

/**
 * A task's worker JVM ended while the task ran: killed ({@code kill -9}), {@code System.exit} in a task,
 * an {@link OutOfMemoryError}, a crash. The message names the worker, its pid and how it ended, e.g.
 * {@code "worker-2 (pid 4242) was killed by signal 9 (SIGKILL) while running task 17"}.
 *
 * <pre>{@code
 * try { future.get(); }
 * catch (ExecutionException e) {
 *     if (e.getCause() instanceof WorkerDiedException died) System.out.println(died.pid());
 * }
 * }</pre>
 */
public final class WorkerDiedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String worker;
    private final long pid;
    private final String howItEnded;

    public WorkerDiedException(String worker, long pid, String howItEnded, String task) {
        super(worker + " (pid " + pid + ") " + howItEnded + " while running " + task);
        this.worker = worker;
        this.pid = pid;
        this.howItEnded = howItEnded;
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
}
