package io.paralab.process;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A warm worker of a {@link ProcessPool}: its child JVM, the tasks sent to it and not yet answered, and
 * the functions it holds. Mutable fields are guarded by the pool's lock.
 */
final class PoolWorker {

    /** How much work, in run time, to keep queued in a worker so it never waits for the next frame. */
    private static final long PIPELINE_NANOS = 2_000_000;
    private static final int MAX_PREFETCH = 512;

    final ChildJvm child;
    final String name;
    final int threads;
    final Map<Integer, PoolTask> inFlight = new LinkedHashMap<>();
    final Set<Integer> functions = new HashSet<>();
    Set<Integer> culprits;
    boolean killedByPool;
    private double averageRunNanos = 1_000_000;

    PoolWorker(ChildJvm child, String name, int threads) {
        this.child = child;
        this.name = name;
        this.threads = threads;
    }

    /** Tasks to keep in flight: its threads plus enough queued tasks to cover the pipeline's latency. */
    int capacity() {
        long prefetch = Math.round(PIPELINE_NANOS / Math.max(1.0, averageRunNanos));
        return threads + (int) Math.max(1, Math.min(MAX_PREFETCH, prefetch));
    }

    void ran(long nanos) {
        averageRunNanos = 0.9 * averageRunNanos + 0.1 * nanos;
    }

    String label() {
        return child.label();
    }

    void send(Message message) {
        child.send(message);
    }
}
