package io.paralab.shared;

import java.time.Duration;
import java.util.OptionalLong;

import static io.paralab.shared.Region.LONGS;
import static io.paralab.shared.Ring.End.HEAD;
import static io.paralab.shared.Ring.End.TAIL;

/**
 * A bounded queue of {@code long}s shared between processes, for many producers and many consumers, that
 * loses nothing: Dmitry Vyukov's bounded MPMC ring buffer laid out in a memory-mapped region. Each slot has
 * a sequence number that says whether it is free for the producer of a given position or filled for its
 * consumer; producers and consumers claim positions with one compare-and-set each, so no lock is held and a
 * process that dies between operations blocks nobody.
 *
 * <p>Thread-safe within a process as across processes. Blocking operations spin briefly, then park for growing
 * intervals (up to 0.2 ms): there is no cross-process wake-up. They respond to interrupts, and end with an unchecked
 * {@link io.paralab.threads.WaitAbandonedException} (nothing added or removed) once work the thread's
 * {@link io.paralab.threads.CancellationScope} started failed for good — in a notebook, a pool task of the same
 * cell that could not start. Every operation after {@link #close()} throws {@link IllegalStateException}; values
 * still queued stay for the other processes that have the queue open.
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
public final class SharedQueue extends SharedRingQueue {

    private static final int SLOT_BYTES = 16;   // sequence, value

    private SharedQueue(Region region, int capacity) {
        super(region, capacity, SLOT_BYTES);
    }

    /**
     * Creates an empty shared queue.
     *
     * @param name     the region's name: 1 to 100 letters, digits, {@code _}, {@code .} or {@code -}, not
     *                 starting with {@code .} or {@code -}
     * @param capacity how many values it holds at most: a power of two from 2 to 2^26
     * @return the open queue; its {@code close()} removes the name
     * @throws IllegalArgumentException naming {@code capacity} when it is not such a power of two
     * @throws SharedMemoryException    when the name is taken or bad, or the file cannot be made
     */
    public static SharedQueue create(String name, int capacity) {
        checkedCapacity("shared queue", name, capacity);
        Region region = Region.create(name, Region.Type.SHARED_QUEUE, Ring.payloadBytes(capacity, SLOT_BYTES),
                capacity, SLOT_BYTES, buffer -> Ring.initialize(buffer, capacity, SLOT_BYTES));
        return new SharedQueue(region, capacity);
    }

    /**
     * Opens the shared queue another process created; its capacity comes from the region.
     *
     * @param name the name it was created under
     * @return the open queue; its {@code close()} unmaps it here and leaves the name
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

    /**
     * Adds {@code value} if there is room now; does not wait.
     *
     * @param value the value to add
     * @return whether it was added; false when the queue is full
     */
    public boolean offer(long value) {
        region.checkOpen();
        return write(ring.tryClaim(TAIL), value);
    }

    /**
     * Adds {@code value}, waiting at most {@code timeout} for room.
     *
     * @param value   the value to add
     * @param timeout how long to wait at most; zero or negative does not wait
     * @return whether it was added; false when the queue stayed full
     * @throws InterruptedException when interrupted while waiting; the value is not added
     */
    public boolean offer(long value, Duration timeout) throws InterruptedException {
        region.checkOpen();
        return write(ring.claim(TAIL, new Backoff(timeout)), value);
    }

    /**
     * Adds {@code value}, waiting as long as needed for room.
     *
     * @param value the value to add
     *
     * @throws InterruptedException when interrupted while waiting; the value is not added
     */
    public void put(long value) throws InterruptedException {
        region.checkOpen();
        write(ring.claim(TAIL), value);
    }

    /**
     * Removes the head value if there is one now; does not wait.
     *
     * @return the head value, or empty when the queue is empty
     */
    public OptionalLong poll() {
        region.checkOpen();
        long position = ring.tryClaim(HEAD);
        return position < 0 ? OptionalLong.empty() : OptionalLong.of(read(position));
    }

    /**
     * Removes and returns the head value, waiting at most {@code timeout} for one.
     *
     * @param timeout how long to wait at most; zero or negative does not wait
     *
     * @return the value, or empty when none came in time
     * @throws InterruptedException when interrupted while waiting; nothing is removed
     */
    public OptionalLong poll(Duration timeout) throws InterruptedException {
        region.checkOpen();
        long position = ring.claim(HEAD, new Backoff(timeout));
        return position < 0 ? OptionalLong.empty() : OptionalLong.of(read(position));
    }

    /**
     * Removes and returns the head value, waiting as long as needed for one.
     *
     * @return the head value
     *
     * @throws InterruptedException when interrupted while waiting; nothing is removed
     */
    public long take() throws InterruptedException {
        region.checkOpen();
        return read(ring.claim(HEAD));
    }

    @Override
    public String toString() {
        return describe("");
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
