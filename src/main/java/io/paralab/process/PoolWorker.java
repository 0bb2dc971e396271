package io.paralab.process;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A warm worker of a {@link ProcessPool}: its child JVM, the tasks sent to it and not yet answered (in the
 * order sent), and the functions it holds.
 *
 * <p>Locking: the final fields are safe to read anywhere; the contents of the maps and sets, and every
 * other field, are guarded by the scheduler's lock.
 */
final class PoolWorker {

    /** How much work, in run time, to keep queued in a worker so it never waits for the next frame. */
    private static final long PIPELINE_NANOS = 2_000_000;
    private static final int MAX_PREFETCH = 512;

    final ChildJvm child;
    /** Its name, e.g. {@code "worker-3"}. */
    final String name;
    final int threads;
    /** Tasks sent and not answered, by id, oldest first. */
    final Map<Integer, PoolTask> inFlight = new LinkedHashMap<>();
    /** Ids of the functions it holds. */
    final Set<Integer> functions = new HashSet<>();
    /** Tasks cancelled with interruption while {@link TaskState#SENT}: the worker is killed if one starts. */
    final Set<Integer> killIfStarted = new HashSet<>();
    /** The tasks it named as the cause of its end (a {@code Dying} frame); empty while it named none. */
    Set<Integer> namedCulprits = Set.of();
    /** Why the pool killed it; null while the pool has not. */
    KillReason killedFor;
    /** The task it was killed for ({@link KillReason#CANCEL}, {@link KillReason#TIMEOUT}); 0 otherwise. */
    int killedForTask;
    /** The cell variable values it was sent, so only changes travel. */
    final CellValues.Sent cellValues = new CellValues.Sent();
    private double averageRunNanos = 1_000_000;

    PoolWorker(ChildJvm child, int threads) {
        this.child = child;
        this.name = child.name();
        this.threads = threads;
    }

    /** Tasks to keep in flight: its threads plus enough queued tasks to cover the pipeline's latency. */
    int capacity() {
        long prefetch = Math.round(PIPELINE_NANOS / Math.max(1.0, averageRunNanos));
        return threads + (int) Math.max(1, Math.min(MAX_PREFETCH, prefetch));
    }

    /** Whether it can take {@code task} now: room for a shared task, or nothing in flight for one to run alone. */
    boolean canTake(PoolTask task) {
        if (holdsTaskAlone()) {
            return false;
        }
        return task.placement == Placement.ALONE ? inFlight.isEmpty() : inFlight.size() < capacity();
    }

    private boolean holdsTaskAlone() {
        return !inFlight.isEmpty() && inFlight.values().iterator().next().placement == Placement.ALONE;
    }

    /** Records that the pool kills it (the caller then kills the process); the first reason stays. */
    void markKilled(KillReason reason, int forTask) {
        if (killedFor == null) {
            killedFor = reason;
            killedForTask = forTask;
        }
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
