package io.paralab.process;

import io.paralab.threads.TaskObserver;

import java.time.Duration;
import java.util.Objects;

/**
 * What a task pool does with a task that was not to blame for its failure or ran too long, and whom it tells
 * what ran where: the settings {@link ProcessPool.Builder} and {@code ClusterPool.Builder} share, checked in one
 * place. Immutable.
 *
 * <pre>{@code
 * TaskPolicy policy = TaskPolicy.NONE.withRetries(1).withTaskTimeout(Duration.ofSeconds(10));
 * policy.retries();   // 1
 * }</pre>
 *
 * @param retries     how many more times a task runs when the process running it went away; at least 0
 * @param taskTimeout the longest one task (one map chunk) may take, or {@code null} for no limit; positive
 * @param observer    told which worker (and thread) ran which task when, or {@code null}
 */
public record TaskPolicy(int retries, Duration taskTimeout, TaskObserver observer) {

    /** No retries, no timeout, no observer: every pool's default. */
    public static final TaskPolicy NONE = new TaskPolicy(0, null, null);

    /**
     * @throws IllegalArgumentException when {@code retries} is negative or {@code taskTimeout} is zero or negative
     */
    public TaskPolicy {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative, got " + retries);
        }
        if (taskTimeout != null && (taskTimeout.isNegative() || taskTimeout.isZero())) {
            throw new IllegalArgumentException("taskTimeout must be positive, got " + taskTimeout);
        }
    }

    /**
     * @param retries at least 0
     * @return this policy with {@code retries}
     * @throws IllegalArgumentException when {@code retries} is negative
     */
    public TaskPolicy withRetries(int retries) {
        return new TaskPolicy(retries, taskTimeout, observer);
    }

    /**
     * @param timeout positive, not {@code null}
     * @return this policy with the task timeout {@code timeout}
     * @throws IllegalArgumentException when {@code timeout} is zero or negative
     */
    public TaskPolicy withTaskTimeout(Duration timeout) {
        return new TaskPolicy(retries, Objects.requireNonNull(timeout, "taskTimeout"), observer);
    }

    /**
     * @param observer not {@code null}, e.g. {@code timeline::record}
     * @return this policy telling {@code observer}
     */
    public TaskPolicy withObserver(TaskObserver observer) {
        return new TaskPolicy(retries, taskTimeout, Objects.requireNonNull(observer, "observer"));
    }
}
