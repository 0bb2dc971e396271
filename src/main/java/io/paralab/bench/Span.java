package io.paralab.bench;

import java.util.Objects;

/**
 * One task on a {@link Timeline}: which lane (worker) ran it, its label, and when it started and ended.
 *
 * @param lane       the worker, e.g. a thread name or {@code "worker-1 (pid 4242)"}
 * @param label      the task, e.g. its index
 * @param startNanos {@link System#nanoTime()} when it started
 * @param endNanos   {@link System#nanoTime()} when it ended, not before the start
 */
public record Span(String lane, String label, long startNanos, long endNanos) {

    /** Checks the names and that the task does not end before it starts. */
    public Span {
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(label, "label");
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("task '" + label + "' on '" + lane + "' ends before it starts: "
                    + startNanos + " > " + endNanos);
        }
    }

    /** How long the task ran, in nanoseconds. */
    public long durationNanos() {
        return endNanos - startNanos;
    }
}
