package io.paralab.process;

import java.util.concurrent.TimeoutException;

/**
 * A task ran longer than its pool's per-task timeout; its worker was killed and replaced. It is the cause
 * of the {@link java.util.concurrent.ExecutionException} from {@code Future.get()}.
 *
 * <pre>{@code
 * try (var pool = ProcessPool.builder().workers(2).taskTimeout(Duration.ofSeconds(1)).build()) {
 *     pool.submit(() -> { Thread.sleep(5000); return 1; }).get();   // ExecutionException caused by this
 * }
 * }</pre>
 */
public final class TaskTimeoutException extends TimeoutException {

    private static final long serialVersionUID = 1L;

    public TaskTimeoutException(String message) {
        super(message);
    }
}
