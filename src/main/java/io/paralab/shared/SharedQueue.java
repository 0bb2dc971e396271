package io.paralab.shared;

import java.nio.MappedByteBuffer;
import java.time.Duration;
import java.util.OptionalLong;

import static io.paralab.shared.Region.LONGS;
import static io.paralab.shared.Region.PAYLOAD;

/**
 * A bounded queue of {@code long}s shared between processes, for many producers and many consumers, that
 * loses nothing: Dmitry Vyukov's bounded MPMC ring buffer laid out in a memory-mapped region. Each slot has
 * a sequence number that says whether it is free for the producer of a given position or filled for its
 * consumer; producers and consumers claim positions with one compare-and-set each, so no lock is held and a
 * process that dies between operations blocks nobody.
 *
 * <p>Blocking operations spin briefly, then park for growing intervals (up to 0.2 ms): there is no
 * cross-process wake-up. They respond to interrupts.
 *
 * <pre>{@code
 * // parent: create, start a producer child and a consumer child
 * try (SharedQueue queue = SharedQueue.create("jobs", 1024)) { ... }
 *
 * // producer child
 * try (SharedQueue queue = SharedQueue.open("jobs")) {
 *     for (long i = 0; i < 100_000; i++) queue.put(i);
 *     queue.put(-1);                                   // sentinel
 * }
 * // consumer child
 * try (SharedQueue queue = SharedQueue.open("jobs")) {
 *     long sum = 0;
 *     for (long v; (v = queue.take()) != -1; ) sum += v;
 * }
 * }</pre>
 *
 * <p>A process killed in the middle of {@code put} or {@code take} (between its claim and its publish) leaves
 * that one slot unusable, which stalls the queue at that slot: the ring protocol has no owner to recover.
 */
public final class SharedQueue implements AutoCloseable {

    private static final int ENQUEUE = PAYLOAD;               // producers' position, a cache line of its own
    private static final int DEQUEUE = PAYLOAD + 64;          // consumers' position, a cache line of its own
    private static final int SLOTS = PAYLOAD + 128;           // slots of 16 bytes: sequence, value
    private static final int SLOT_BYTES = 16;
    private static final int MAX_CAPACITY = 1 << 26;

    private final Region region;
    private final MappedByteBuffer buffer;
    private final int capacity;
    private final long mask;

    private SharedQueue(Region region, int capacity) {
        this.region = region;
        this.buffer = region.buffer();
        this.capacity = capacity;
        this.mask = capacity - 1;
    }

    /**
     * Creates an empty shared queue.
     *
     * @param capacity how many values it holds at most: a power of two from 2 to 2^26
     * @throws IllegalArgumentException when {@code capacity} is not such a power of two
     * @throws SharedMemoryException    when the name is taken or bad, or the file cannot be made
     */
    public static SharedQueue create(String name, int capacity) {
        if (capacity < 2 || capacity > MAX_CAPACITY || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("shared queue '" + name + "': capacity " + capacity
                    + " is not a power of two between 2 and " + MAX_CAPACITY);
        }
        Region region = Region.create(name, Region.Type.SHARED_QUEUE, 128L + (long) capacity * SLOT_BYTES,
                capacity, SLOT_BYTES, buffer -> {
                    for (int i = 0; i < capacity; i++) {
                        buffer.putLong(SLOTS + i * SLOT_BYTES, i);
                    }
                });
        return new SharedQueue(region, capacity);
    }

    /**
     * Opens the shared queue another process created; its capacity comes from the region.
     *
     * @throws SharedMemoryException when there is none of that name, or that region is not a shared queue
     */
    public static SharedQueue open(String name) {
        Region region = Region.open(name, Region.Type.SHARED_QUEUE);
        long capacity = region.param1();
        if (region.param2() != SLOT_BYTES || capacity < 2 || capacity > MAX_CAPACITY || Long.bitCount(capacity) != 1
                || region.buffer().capacity() != SLOTS + capacity * SLOT_BYTES) {
            throw new SharedMemoryException(SharedMemoryException.Reason.TYPE_MISMATCH, "shared queue '" + name
                    + "' (" + region.path() + ") has a damaged header: capacity " + capacity);
        }
        return new SharedQueue(region, (int) capacity);
    }

    /** How many values it holds at most. */
    public int capacity() {
        return capacity;
    }

    /**
     * Adds {@code value} if there is room now.
     *
     * @return whether it was added
     */
    public boolean offer(long value) {
        region.checkOpen();
        long position = (long) LONGS.getVolatile(buffer, ENQUEUE);
        while (true) {
            int slot = slot(position);
            long sequence = (long) LONGS.getAcquire(buffer, slot);
            long difference = sequence - position;
            if (difference == 0) {
                if (LONGS.compareAndSet(buffer, ENQUEUE, position, position + 1)) {
                    LONGS.set(buffer, slot + 8, value);
                    LONGS.setRelease(buffer, slot, position + 1);
                    return true;
                }
                position = (long) LONGS.getVolatile(buffer, ENQUEUE);
            } else if (difference < 0) {
                return false;
            } else {
                position = (long) LONGS.getVolatile(buffer, ENQUEUE);
            }
        }
    }

    /**
     * Adds {@code value}, waiting at most {@code timeout} for room.
     *
     * @return whether it was added
     * @throws InterruptedException when interrupted while waiting; the value is not added
     */
    public boolean offer(long value, Duration timeout) throws InterruptedException {
        Backoff backoff = new Backoff(timeout.toNanos());
        while (!offer(value)) {
            if (!backoff.pause()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Adds {@code value}, waiting as long as needed for room.
     *
     * @throws InterruptedException when interrupted while waiting; the value is not added
     */
    public void put(long value) throws InterruptedException {
        Backoff backoff = null;
        while (!offer(value)) {
            if (backoff == null) {
                backoff = new Backoff();
            }
            backoff.pause();
        }
    }

    /** Removes and returns the head value if there is one now. */
    public OptionalLong poll() {
        long position = claimHead();
        return position < 0 ? OptionalLong.empty() : OptionalLong.of(release(position));
    }

    /**
     * Removes and returns the head value, waiting at most {@code timeout} for one.
     *
     * @return the value, or empty when none came in time
     * @throws InterruptedException when interrupted while waiting; nothing is removed
     */
    public OptionalLong poll(Duration timeout) throws InterruptedException {
        Backoff backoff = new Backoff(timeout.toNanos());
        long position;
        while ((position = claimHead()) < 0) {
            if (!backoff.pause()) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(release(position));
    }

    /**
     * Removes and returns the head value, waiting as long as needed for one.
     *
     * @throws InterruptedException when interrupted while waiting; nothing is removed
     */
    public long take() throws InterruptedException {
        long position;
        Backoff backoff = null;
        while ((position = claimHead()) < 0) {
            if (backoff == null) {
                backoff = new Backoff();
            }
            backoff.pause();
        }
        return release(position);
    }

    /** How many values it holds now; a snapshot that may be stale at once when others are busy. */
    public int size() {
        region.checkOpen();
        while (true) {
            long head = (long) LONGS.getVolatile(buffer, DEQUEUE);
            long tail = (long) LONGS.getVolatile(buffer, ENQUEUE);
            if ((long) LONGS.getVolatile(buffer, DEQUEUE) == head) {
                return (int) Math.max(0, Math.min(capacity, tail - head));
            }
        }
    }

    /** The region's name. */
    public String name() {
        return region.name();
    }

    /** Closes it here; when this process created it, also removes the name. Idempotent. */
    @Override
    public void close() {
        region.close();
    }

    @Override
    public String toString() {
        return "SharedQueue[" + region.name() + ", capacity " + capacity
                + (region.isClosed() ? ", closed]" : ", size " + size() + "]");
    }

    /** Claims the head position for this consumer, or returns -1 when the queue is empty. */
    private long claimHead() {
        region.checkOpen();
        long position = (long) LONGS.getVolatile(buffer, DEQUEUE);
        while (true) {
            int slot = slot(position);
            long sequence = (long) LONGS.getAcquire(buffer, slot);
            long difference = sequence - (position + 1);
            if (difference == 0) {
                if (LONGS.compareAndSet(buffer, DEQUEUE, position, position + 1)) {
                    return position;
                }
                position = (long) LONGS.getVolatile(buffer, DEQUEUE);
            } else if (difference < 0) {
                return -1;
            } else {
                position = (long) LONGS.getVolatile(buffer, DEQUEUE);
            }
        }
    }

    /** Reads the value at a claimed position and frees its slot for the producer one lap later. */
    private long release(long position) {
        int slot = slot(position);
        long value = (long) LONGS.get(buffer, slot + 8);
        LONGS.setRelease(buffer, slot, position + capacity);
        return value;
    }

    private int slot(long position) {
        return SLOTS + (int) (position & mask) * SLOT_BYTES;
    }
}
