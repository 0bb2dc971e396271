package io.paralab.shared;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

import static io.paralab.shared.Region.LONGS;
import static io.paralab.shared.Region.PAYLOAD;

/**
 * Mutual exclusion across processes (and across the threads of each), released also when its holder
 * process dies. The lock is one word in a shared region: 0 when free, otherwise the holder's pid (high 32
 * bits) and a per-acquisition number. Taking a free lock is one compare-and-set; a waiter spins, then parks
 * for growing intervals, and while parked checks whether the holder's process is still alive — a lock
 * held by a dead process (crash, {@code kill -9}) is taken over.
 *
 * <p>It is a {@link Lock} (not reentrant; no conditions); {@link #hold()} suits try-with-resources. Many
 * threads of a process may share one {@code SharedLock}: the lock is held by a thread, which alone may unlock it.
 * {@link #close()} closes the region, not the lock: close it only when this process does not hold it; every
 * operation after {@code close()} throws {@link IllegalStateException}.
 *
 * <pre>{@code
 * // parent creates it, children open it by name
 * try (SharedLock lock = SharedLock.create("ledger")) { ... }
 *
 * // in any process
 * try (SharedLock lock = SharedLock.open("ledger");
 *      SharedLock.Held held = lock.hold()) {
 *     ... only one process at a time here ...
 * }
 * }</pre>
 *
 * <p>Limit: the liveness check trusts the pid; if the holder died and the system reused its pid for a new
 * process within the wait, the lock is not recovered until that process ends.
 */
public final class SharedLock extends SharedObject implements Lock {

    private static final long PID = ProcessHandle.current().pid();
    private static final AtomicInteger ACQUISITIONS = new AtomicInteger();
    /** How often a parked waiter asks whether the holder's process is alive (it reads /proc). */
    private static final long LIVENESS_CHECK_INTERVAL_NANOS = 2_000_000;

    /** Whether an attempt to take the lock asks if the holder's process is still alive (reading /proc). */
    private enum HolderCheck { CHECK_ALIVE, SKIP }

    private final MappedByteBuffer buffer;
    private volatile Thread holder;
    private long heldToken;

    private SharedLock(Region region) {
        super(region);
        this.buffer = region.buffer();
    }

    /**
     * Creates a free shared lock named {@code name}.
     *
     * @param name the region's name: 1 to 100 letters, digits, {@code _}, {@code .} or {@code -}, not starting
     *             with {@code .} or {@code -}
     * @return the open lock, free; its {@code close()} removes the name
     *
     * @throws SharedMemoryException when the name is taken or bad, or the file cannot be made
     */
    public static SharedLock create(String name) {
        return new SharedLock(Region.create(name, Region.Type.SHARED_LOCK, Long.BYTES, 0, 0, buffer -> { }));
    }

    /**
     * Opens the shared lock another process created.
     *
     * @param name the name it was created under
     * @return the open lock; its {@code close()} unmaps it here and leaves the name
     *
     * @throws SharedMemoryException when there is none of that name, or that region is not a shared lock
     */
    public static SharedLock open(String name) {
        return new SharedLock(Region.open(name, Region.Type.SHARED_LOCK));
    }

    /**
     * Takes the lock, waiting as long as needed, and returns a handle whose {@code close()} releases it.
     *
     * @return the handle; close it on the thread that took the lock
     * @throws InterruptedException  when interrupted while waiting; the lock is not taken
     * @throws IllegalStateException when this thread holds the lock already
     */
    public Held hold() throws InterruptedException {
        lockInterruptibly();
        return new Held();
    }

    /**
     * Takes the lock, waiting as long as needed; an interrupt while waiting is kept and ignored.
     *
     * @throws IllegalStateException when this thread holds the lock already
     */
    @Override
    public void lock() {
        boolean interrupted = false;
        while (true) {
            try {
                acquire(new Backoff());
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Takes the lock, waiting as long as needed.
     *
     * @throws InterruptedException  when interrupted while waiting; the lock is not taken
     * @throws IllegalStateException when this thread holds the lock already
     */
    @Override
    public void lockInterruptibly() throws InterruptedException {
        acquire(new Backoff());
    }

    /**
     * Takes the lock if it is free now (or its holder process is dead); does not wait.
     *
     * @return whether it was taken
     * @throws IllegalStateException when this thread holds the lock already
     */
    @Override
    public boolean tryLock() {
        checkNotHolding();
        return tryAcquire(nextToken(), HolderCheck.CHECK_ALIVE);
    }

    /**
     * Takes the lock if it becomes free within {@code timeout}.
     *
     * @param timeout how long to wait at most; zero or negative tries once
     * @return whether it was taken
     * @throws InterruptedException  when interrupted while waiting; the lock is not taken
     * @throws IllegalStateException when this thread holds the lock already
     */
    public boolean tryLock(Duration timeout) throws InterruptedException {
        return acquire(new Backoff(timeout));
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        return acquire(new Backoff(Duration.ofNanos(unit.toNanos(time))));
    }

    /**
     * Releases the lock.
     *
     * @throws IllegalMonitorStateException when the calling thread does not hold it
     */
    @Override
    public void unlock() {
        region.checkOpen();
        if (holder != Thread.currentThread()) {
            throw new IllegalMonitorStateException("shared lock '" + region.name() + "' is not held by "
                    + Thread.currentThread().getName());
        }
        holder = null;
        if (!LONGS.compareAndSet(buffer, PAYLOAD, heldToken, 0L)) {
            throw new IllegalMonitorStateException("shared lock '" + region.name()
                    + "' was taken over by another process while held here");
        }
    }

    /** Not supported: a condition would need a cross-process wake-up. */
    @Override
    public Condition newCondition() {
        throw new UnsupportedOperationException("SharedLock has no conditions");
    }

    /**
     * Whether some thread of some process holds the lock now.
     *
     * @return a snapshot; true also while a dead process still holds it, until a waiter takes it over
     */
    public boolean isLocked() {
        region.checkOpen();
        return (long) LONGS.getVolatile(buffer, PAYLOAD) != 0;
    }

    /**
     * The process holding the lock.
     *
     * @return its pid, a snapshot; 0 when the lock is free
     */
    public long holderPid() {
        region.checkOpen();
        return (long) LONGS.getVolatile(buffer, PAYLOAD) >>> 32;
    }

    @Override
    public String toString() {
        return "SharedLock[" + region.name() + (region.isClosed() ? ", closed]"
                : isLocked() ? ", held by pid " + holderPid() + "]" : ", free]");
    }

    private boolean acquire(Backoff backoff) throws InterruptedException {
        checkNotHolding();
        long token = nextToken();
        long nextLivenessCheck = System.nanoTime();
        while (true) {
            HolderCheck check = backoff.parking() && System.nanoTime() - nextLivenessCheck >= 0
                    ? HolderCheck.CHECK_ALIVE : HolderCheck.SKIP;
            if (check == HolderCheck.CHECK_ALIVE) {
                nextLivenessCheck = System.nanoTime() + LIVENESS_CHECK_INTERVAL_NANOS;
            }
            if (tryAcquire(token, check)) {
                return true;
            }
            if (!backoff.pause()) {
                return false;
            }
        }
    }

    private boolean tryAcquire(long token, HolderCheck check) {
        region.checkOpen();
        long owner = (long) LONGS.getVolatile(buffer, PAYLOAD);
        if (owner == 0 || (check == HolderCheck.CHECK_ALIVE && isDeadProcess(owner >>> 32))) {
            if (LONGS.compareAndSet(buffer, PAYLOAD, owner, token)) {
                heldToken = token;
                holder = Thread.currentThread();
                return true;
            }
        }
        return false;
    }

    private void checkNotHolding() {
        if (holder == Thread.currentThread()) {
            throw new IllegalStateException("shared lock '" + region.name() + "' is held by this thread already;"
                    + " it is not reentrant");
        }
    }

    /** Whether no live process has this pid; a zombie (ended, not yet reaped) counts as dead. */
    private static boolean isDeadProcess(long pid) {
        if (pid == PID) {
            return false;
        }
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName > 0 && afterName + 2 < stat.length() && stat.charAt(afterName + 2) == 'Z';
        } catch (IOException e) {
            return false;   // no /proc (not Linux) or it just ended: the next check decides
        }
    }

    private static long nextToken() {
        return PID << 32 | (ACQUISITIONS.incrementAndGet() & 0xFFFF_FFFFL);
    }

    /**
     * A held lock; {@link #close()} releases it, on the thread that took it.
     *
     * <pre>{@code
     * try (SharedLock.Held held = lock.hold()) {
     *     balance.set(balance.get() + 10);
     * }
     * }</pre>
     */
    public final class Held implements AutoCloseable {
        private Held() {
        }

        /**
         * Releases the lock.
         *
         * @throws IllegalMonitorStateException when the calling thread does not hold it (e.g. closed twice)
         */
        @Override
        public void close() {
            unlock();
        }
    }
}
