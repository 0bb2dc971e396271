package io.paralab.shared;

import java.nio.MappedByteBuffer;

/**
 * What the two shared queues have in common — {@link SharedQueue} of {@code long}s and {@link SharedByteQueue}
 * of byte messages: Dmitry Vyukov's bounded multi-producer multi-consumer ring in a mapped region, with a fixed
 * capacity and a size anyone may read. The queues decide what a slot holds.
 *
 * <pre>{@code
 * try (SharedQueue jobs = SharedQueue.create("jobs", 1024)) {
 *     jobs.capacity();   // 1024
 *     jobs.size();       // 0
 * }
 * }</pre>
 */
public abstract sealed class SharedRingQueue extends SharedObject permits SharedQueue, SharedByteQueue {

    /** The region's mapping, where the slots' data is read and written. */
    final MappedByteBuffer buffer;
    /** The ring of slots in the region's payload. */
    final Ring ring;

    SharedRingQueue(Region region, int capacity, int slotBytes) {
        super(region);
        this.buffer = region.buffer();
        this.ring = new Ring(buffer, capacity, slotBytes);
    }

    /**
     * The capacity itself, when it is a power of two from 2 to 2^26.
     *
     * @param kind names the queue type in the error, e.g. {@code "shared queue"}
     * @throws IllegalArgumentException naming the queue and its capacity, when it is not one
     */
    static int checkedCapacity(String kind, String name, int capacity) {
        if (!Ring.isValidCapacity(capacity)) {
            throw new IllegalArgumentException(kind + " '" + name + "': capacity must be a power of two between 2 and "
                    + Ring.MAX_CAPACITY + ", got " + capacity);
        }
        return capacity;
    }

    /**
     * How many elements it holds at most.
     *
     * @return the capacity given at creation
     */
    public final int capacity() {
        return ring.capacity();
    }

    /**
     * How many elements it holds now.
     *
     * @return a snapshot from 0 to the capacity, which may be stale at once when others are busy
     * @throws IllegalStateException after {@link #close()}
     */
    public final int size() {
        region.checkOpen();
        return ring.size();
    }

    /** E.g. {@code "SharedQueue[jobs, capacity 1024, size 3]"}, with {@code details} after the capacity. */
    final String describe(String details) {
        return getClass().getSimpleName() + "[" + region.name() + ", capacity " + ring.capacity() + details
                + (region.isClosed() ? ", closed]" : ", size " + ring.size() + "]");
    }
}
