package io.paralab.threads;

/**
 * Ends a wait that nothing could have ended otherwise: work the waiting thread's {@link CancellationScope} started
 * failed for good (a pool task that could not start), and the wait — on shared memory that only another process
 * changes — was given up with that failure as the cause.
 *
 * <pre>{@code
 * var consumer = pool.submit(task);          // the worker cannot load the task: it never starts
 * queue.put(1);                              // queue full, no consumer: throws WaitAbandonedException
 * }</pre>
 */
public final class WaitAbandonedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param scope the scope whose waits were abandoned
     * @param cause the failure that made them hopeless
     */
    public WaitAbandonedException(CancellationScope scope, Throwable cause) {
        super("the wait was given up: work started in " + scope.name() + " failed: " + cause.getMessage(), cause);
    }
}
