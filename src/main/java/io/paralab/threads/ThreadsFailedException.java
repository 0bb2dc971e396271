package io.paralab.threads;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Thrown when tasks run on threads failed: it holds every failure, not just the first.
 *
 * <p>{@link #failures()} maps each failed task's index (the order it was forked in) to what it threw. The
 * first failure is also the {@linkplain #getCause() cause}; the others are {@linkplain #getSuppressed()
 * suppressed}, so a printed stack trace shows all of them. The message names at most five failures.
 *
 * <pre>{@code
 * try {
 *     Threads.runAll(tasks, ThreadKind.VIRTUAL, Duration.ofSeconds(10));
 * } catch (ThreadsFailedException e) {
 *     e.failures().forEach((index, error) -> System.out.println("task " + index + ": " + error));
 * }
 * }</pre>
 */
public final class ThreadsFailedException extends Exception {

    private final transient SortedMap<Integer, Throwable> failures;

    /**
     * An exception for {@code failures} out of {@code total} tasks.
     *
     * @param failures each failed task's index and what it threw; at least one; copied
     * @param total    how many tasks ran, for the message
     * @throws IllegalArgumentException when {@code failures} is empty
     */
    public ThreadsFailedException(Map<Integer, ? extends Throwable> failures, int total) {
        super(message(failures, total), failures.isEmpty() ? null : new TreeMap<>(failures).firstEntry().getValue());
        if (failures.isEmpty()) {
            throw new IllegalArgumentException("failures must hold at least one failure, got " + failures);
        }
        this.failures = new TreeMap<>(failures);
        this.failures.values().stream().skip(1).forEach(this::addSuppressed);
    }

    /**
     * Every failure by task index.
     *
     * @return the failures in index order; unmodifiable
     */
    public SortedMap<Integer, Throwable> failures() {
        return Collections.unmodifiableSortedMap(failures);
    }

    private static String message(Map<Integer, ? extends Throwable> failures, int total) {
        return failures.size() + " of " + total + " tasks failed: " + new TreeMap<>(failures).entrySet().stream()
                .limit(5)
                .map(e -> "task " + e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; "))
                + (failures.size() > 5 ? "; ..." : "");
    }
}
