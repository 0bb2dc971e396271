package io.paralab.process;

/**
 * Thrown by {@link ProcessPool#map} and its streams when an item failed: the cause is what the task threw
 * in the worker (its own class and remote stack trace), or a {@link WorkerDiedException}, or a
 * {@link TaskTimeoutException}.
 *
 * <pre>{@code
 * try { pool.map(x -> 10 / x, List.of(1, 0)); }
 * catch (TaskFailedException e) { e.getCause(); }   // ArithmeticException: / by zero, thrown in the worker
 * }</pre>
 */
public final class TaskFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TaskFailedException(String message, Throwable cause) {
        super(message + ": " + cause, cause);
    }
}
