package io.paralab.shared;

import io.paralab.threads.CancellationScope;
import io.paralab.threads.WaitAbandonedException;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How a thread waits for another process to change shared memory: there is no cross-process wake-up, so it
 * spins briefly (the other side is often running on the other core), then yields, then parks for growing
 * intervals up to {@link #MAX_PARK_NANOS}. While parked it also gives up when work its thread's
 * {@link CancellationScope} started failed for good ({@link CancellationScope#abandonWaits}): a consumer task
 * that never started would otherwise leave a producer waiting forever. One instance per wait; not thread-safe.
 */
final class Backoff {

    static final long MAX_PARK_NANOS = 200_000;
    private static final int SPINS = 2_000;
    private static final int YIELDS = 20;

    private final long deadline;
    private final boolean timed;
    private int rounds;
    private long parkNanos = 1_000;

    /** A wait without a time limit. */
    Backoff() {
        this.timed = false;
        this.deadline = 0;
    }

    /** A wait that gives up {@code timeout} from now; one of more than a century never gives up. */
    Backoff(Duration timeout) {
        long nanos = TimeUnit.NANOSECONDS.convert(Objects.requireNonNull(timeout, "timeout"));   // saturates
        this.timed = nanos < Long.MAX_VALUE / 2;
        this.deadline = timed ? System.nanoTime() + Math.max(0, nanos) : 0;
    }

    /** Whether the wait has reached the parking stage, where slower checks are worth doing. */
    boolean parking() {
        return rounds >= SPINS + YIELDS;
    }

    /**
     * Waits a little.
     *
     * @return false when the time limit has passed (the caller gives up)
     * @throws InterruptedException when the thread is interrupted; the interrupt status is cleared
     * @throws WaitAbandonedException when the thread's scope gave up its waits (the caller's operation did not happen)
     */
    boolean pause() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        long remaining = timed ? deadline - System.nanoTime() : Long.MAX_VALUE;
        if (remaining <= 0) {
            return false;
        }
        if (rounds < SPINS) {
            rounds++;
            Thread.onSpinWait();
        } else if (rounds < SPINS + YIELDS) {
            rounds++;
            Thread.yield();
        } else {
            CancellationScope.checkWaitsAbandoned();
            LockSupport.parkNanos(Math.min(parkNanos, remaining));
            parkNanos = Math.min(parkNanos * 2, MAX_PARK_NANOS);
        }
        return true;
    }
}
