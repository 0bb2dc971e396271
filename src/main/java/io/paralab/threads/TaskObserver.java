package io.paralab.threads;

/**
 * Told when a task ran: which worker ran it and from when to when. Thread helpers and the process pool
 * accept one, so a timeline can show which worker (thread or child process) ran which task when.
 *
 * <p>Times are {@link System#nanoTime()} readings. On Linux they come from one system-wide monotonic clock,
 * so readings taken in a child JVM compare with the parent's. Calls come from many threads at once: an
 * implementation must be thread-safe, and should return quickly: it runs on the thread that saw the task end.
 *
 * <pre>{@code
 * Timeline timeline = new Timeline("downloads");
 * Threads.runAll(tasks, ThreadKind.VIRTUAL, timeline::record);   // Timeline.record(String, String, long, long)
 * }</pre>
 */
@FunctionalInterface
public interface TaskObserver {

    /**
     * Called once per finished task (also when it failed), from the thread that saw it end.
     *
     * @param worker     the worker that ran it, e.g. a thread name or {@code "worker-1 (pid 4242)"}
     * @param task       the task's label, e.g. its index
     * @param startNanos {@link System#nanoTime()} when the task started
     * @param endNanos   {@link System#nanoTime()} when it ended
     */
    void taskRan(String worker, String task, long startNanos, long endNanos);
}
