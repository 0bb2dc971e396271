package io.paralab.shared;

import java.nio.MappedByteBuffer;
import java.time.Duration;
import java.util.OptionalLong;

import static io.paralab.shared.Region.LONGS;

/**
 * A bounded queue of {@code long}s shared between processes, for many producers and many consumers, that
 * loses nothing: Dmitry Vyukov's bounded MPMC ring buffer laid out in a memory-mapped region. Each slot has
 * a sequence number that says whether it is free for the producer of a given position or filled for its
 * consumer; producers and consumers claim positions with one compare-and-set each, so no lock is held and a
 * process that dies between operations blocks nobody.
 *
 * <p>Blocking operations spin briefly, then park for growing intervals (up to 0.2 ms): there is no
 * cross-process wake-up. They respond to interrupts, and end with an unchecked
 * {@link io.paralab.threads.WaitAbandonedException} (nothing added or removed) once work the thread's
 * {@link io.paralab.threads.CancellationScope} started failed for good — in a notebook, a pool task of the same
 * cell that could not start.
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
public final class SharedQueue extends SharedObject {

    private static final int SLOT_BYTES = 16;   // sequence, value

    private final MappedByteBuffer buffer;
    private final Ring ring;

    private SharedQueue(Region region, int capacity) {
        super(region);
        this.buffer = region.buffer();
        this.ring = new Ring(buffer, capacity, SLOT_BYTES);
    }

    /**
     * Creates an empty shared queue.
     *
     * @param capacity how many values it holds at most: a power of two from 2 to 2^26
     * @throws IllegalArgumentException when {@code capacity} is not such a power of two
     * @throws SharedMemoryException    when the name is taken or bad, or the file cannot be made
     */
    public static SharedQueue create(String name, int capacity) {
        if (!Ring.isValidCapacity(capacity)) {
            throw new IllegalArgumentException("shared queue '" + name + "': capacity " + capacity
                    + " is not a power of two between 2 and " + Ring.MAX_CAPACITY);
        }
        Region region = Region.create(name, Region.Type.SHARED_QUEUE, Ring.payloadBytes(capacity, SLOT_BYTES),
                capacity, SLOT_BYTES, buffer -> Ring.initialize(buffer, capacity, SLOT_BYTES));
        return new SharedQueue(region, capacity);
    }

    /**
     * Opens the shared queue another process created; its capacity comes from the region.
     *
     * @throws SharedMemoryException when there is none of that name, or that region is not a shared queue
     */
    public static SharedQueue open(String name) {
        Region region = Region.open(name, Region.Type.SHARED_QUEUE);
        if (region.param2() != SLOT_BYTES || !Ring.fits(region, region.param1(), SLOT_BYTES)) {
            throw new SharedMemoryException(SharedMemoryException.Reason.TYPE_MISMATCH, "shared queue '" + name
                    + "' (" + region.path() + ") has a damaged header: capacity " + region.param1());
        }
        return new SharedQueue(region, (int) region.param1());
    }

    /** How many values it holds at most. */
    public int capacity() {
        return ring.capacity();
    }

    /**
     * Adds {@code value} if there is room now.
     *
     * @return whether it was added
     */
    public boolean offer(long value) {
        region.checkOpen();
        return write(ring.tryClaimTail(), value);
    }

    /**
     * Adds {@code value}, waiting at most {@code timeout} for room.
     *
     * @return whether it was added
     * @throws InterruptedException when interrupted while waiting; the value is not added
     */
    public boolean offer(long value, Duration timeout) throws InterruptedException {
        region.checkOpen();
        return write(ring.claimTail(new Backoff(timeout)), value);
    }

    /**
     * Adds {@code value}, waiting as long as needed for room.
     *
     * @throws InterruptedException when interrupted while waiting; the value is not added
     */
    public void put(long value) throws InterruptedException {
        region.checkOpen();
        long position = ring.tryClaimTail();
        write(position >= 0 ? position : ring.claimTail(new Backoff()), value);
    }

    /** Removes and returns the head value if there is one now. */
    public OptionalLong poll() {
        region.checkOpen();
        long position = ring.tryClaimHead();
        return position < 0 ? OptionalLong.empty() : OptionalLong.of(read(position));
    }

    /**
     * Removes and returns the head value, waiting at most {@code timeout} for one.
     *
     * @return the value, or empty when none came in time
     * @throws InterruptedException when interrupted while waiting; nothing is removed
     */
    public OptionalLong poll(Duration timeout) throws InterruptedException {
        region.checkOpen();
        long position = ring.claimHead(new Backoff(timeout));
        return position < 0 ? OptionalLong.empty() : OptionalLong.of(read(position));
    }

    /**
     * Removes and returns the head value, waiting as long as needed for one.
     *
     * @throws InterruptedException when interrupted while waiting; nothing is removed
     */
    public long take() throws InterruptedException {
        region.checkOpen();
        long position = ring.tryClaimHead();
        return read(position >= 0 ? position : ring.claimHead(new Backoff()));
    }

    /** How many values it holds now; a snapshot that may be stale at once when others are busy. */
    public int size() {
        region.checkOpen();
        return ring.size();
    }

    @Override
    public String toString() {
        return "SharedQueue[" + region.name() + ", capacity " + ring.capacity()
                + (region.isClosed() ? ", closed]" : ", size " + ring.size() + "]");
    }

    private boolean write(long position, long value) {
        if (position < 0) {
            return false;
        }
        LONGS.set(buffer, ring.data(position), value);
        ring.publish(position);
        return true;
    }

    private long read(long position) {
        long value = (long) LONGS.get(buffer, ring.data(position));
        ring.release(position);
        return value;
    }
}
