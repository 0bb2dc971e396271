package io.paralab.threads;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Thrown when tasks run on threads failed: it holds every failure, not just the first.
 *
 * <p>{@link #failures()} maps each failed task's index (the order it was forked in) to what it threw. The
 * first failure is also the {@linkplain #getCause() cause}; the others are {@linkplain #getSuppressed()
 * suppressed}, so a printed stack trace shows all of them.
 *
 * <pre>{@code
 * try {
 *     Threads.runAll(tasks, ThreadKind.VIRTUAL);
 * } catch (ThreadsFailedException e) {
 *     e.failures().forEach((index, error) -> System.out.println("task " + index + ": " + error));
 * }
 * }</pre>
 */
public final class ThreadsFailedException extends Exception {

    private final transient SortedMap<Integer, Throwable> failures;

    /**
     * @param failures each failed task's index and what it threw; at least one
     * @param total    how many tasks ran, for the message
     */
    public ThreadsFailedException(Map<Integer, ? extends Throwable> failures, int total) {
        super(message(failures, total), failures.isEmpty() ? null : new TreeMap<>(failures).firstEntry().getValue());
        if (failures.isEmpty()) {
            throw new IllegalArgumentException("a ThreadsFailedException needs at least one failure");
        }
        this.failures = new TreeMap<>(failures);
        this.failures.values().stream().skip(1).forEach(this::addSuppressed);
    }

    /** Every failure by task index, in index order; unmodifiable. */
    public SortedMap<Integer, Throwable> failures() {
        return java.util.Collections.unmodifiableSortedMap(failures);
    }

    /** What the failed tasks threw, in task order. */
    public List<Throwable> errors() {
        return List.copyOf(failures.values());
    }

    private static String message(Map<Integer, ? extends Throwable> failures, int total) {
        return failures.size() + " of " + total + " tasks failed: " + new TreeMap<>(failures).entrySet().stream()
                .limit(5)
                .map(e -> "task " + e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; "))
                + (failures.size() > 5 ? "; ..." : "");
    }
}
