package io.paralab.shared;

import java.nio.MappedByteBuffer;

import static io.paralab.shared.Region.LONGS;
import static io.paralab.shared.Region.PAYLOAD;

/**
 * Dmitry Vyukov's bounded multi-producer multi-consumer ring in a region's payload: the producers' position
 * and the consumers' position on cache lines of their own, then {@code capacity} slots, each a sequence number
 * followed by the slot's data. A producer claims the tail with one compare-and-set, writes the data and
 * publishes it; a consumer claims the head, reads the data and releases the slot for the next lap. The queues
 * decide what the data is.
 */
final class Ring {

    static final int MAX_CAPACITY = 1 << 26;
    private static final int ENQUEUE = PAYLOAD;
    private static final int DEQUEUE = PAYLOAD + 64;
    private static final int SLOTS = PAYLOAD + 128;

    /** Where a position is claimed: a producer claims the tail, a consumer the head. */
    enum End {
        /** The producers' end: a slot is ready for position p when its sequence is p (freed one lap ago). */
        TAIL(ENQUEUE, 0),
        /** The consumers' end: a slot is ready for position p when its sequence is p + 1 (published). */
        HEAD(DEQUEUE, 1);

        private final int counter;
        private final int lap;

        End(int counter, int lap) {
            this.counter = counter;
            this.lap = lap;
        }
    }

    private final MappedByteBuffer buffer;
    private final int capacity;
    private final long mask;
    private final int slotBytes;

    Ring(MappedByteBuffer buffer, int capacity, int slotBytes) {
        this.buffer = buffer;
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.slotBytes = slotBytes;
    }

    /** The payload bytes a ring of these dimensions needs. */
    static long payloadBytes(int capacity, int slotBytes) {
        return 128L + (long) capacity * slotBytes;
    }

    /** Whether {@code capacity} is a power of two from 2 to {@link #MAX_CAPACITY}. */
    static boolean isValidCapacity(long capacity) {
        return capacity >= 2 && capacity <= MAX_CAPACITY && Long.bitCount(capacity) == 1;
    }

    /** Marks every slot free for the producer of its first lap; run by the creator before publishing. */
    static void initialize(MappedByteBuffer buffer, int capacity, int slotBytes) {
        for (int i = 0; i < capacity; i++) {
            buffer.putLong(SLOTS + i * slotBytes, i);
        }
    }

    /** Whether a region's size matches a ring of these dimensions. */
    static boolean fits(Region region, long capacity, long slotBytes) {
        return isValidCapacity(capacity) && slotBytes >= 16 && slotBytes % 8 == 0
                && region.buffer().capacity() == SLOTS + capacity * slotBytes;
    }

    int capacity() {
        return capacity;
    }

    /**
     * Claims the next position of one end with one compare-and-set.
     *
     * @return the position, or -1 when that end has no ready slot: the ring is full ({@link End#TAIL}) or
     *         empty ({@link End#HEAD})
     */
    long tryClaim(End end) {
        long position = (long) LONGS.getVolatile(buffer, end.counter);
        while (true) {
            long difference = (long) LONGS.getAcquire(buffer, slot(position)) - (position + end.lap);
            if (difference == 0) {
                if (LONGS.compareAndSet(buffer, end.counter, position, position + 1)) {
                    return position;
                }
            } else if (difference < 0) {
                return -1;
            }
            position = (long) LONGS.getVolatile(buffer, end.counter);
        }
    }

    /**
     * Claims the next position of one end, pausing with {@code backoff} while there is no ready slot.
     *
     * @return the position, or -1 when the backoff's time ran out
     */
    long claim(End end, Backoff backoff) throws InterruptedException {
        long position;
        while ((position = tryClaim(end)) < 0) {
            if (!backoff.pause()) {
                return -1;
            }
        }
        return position;
    }

    /** Claims the next position of one end, waiting as long as it takes; the backoff is made only if needed. */
    long claim(End end) throws InterruptedException {
        long position = tryClaim(end);
        return position >= 0 ? position : claim(end, new Backoff());
    }

    /** Makes the data written at a claimed tail position visible to consumers. */
    void publish(long position) {
        LONGS.setRelease(buffer, slot(position), position + 1);
    }

    /** Frees the slot of a claimed head position, after its data was read, for the producer one lap later. */
    void release(long position) {
        LONGS.setRelease(buffer, slot(position), position + capacity);
    }

    /** Where the data of a position's slot starts: 8-aligned, {@code slotBytes - 8} bytes long. */
    int data(long position) {
        return slot(position) + Long.BYTES;
    }

    /** How many values it holds now; a snapshot. */
    int size() {
        while (true) {
            long head = (long) LONGS.getVolatile(buffer, DEQUEUE);
            long tail = (long) LONGS.getVolatile(buffer, ENQUEUE);
            if ((long) LONGS.getVolatile(buffer, DEQUEUE) == head) {
                return (int) Math.max(0, Math.min(capacity, tail - head));
            }
        }
    }

    private int slot(long position) {
        return SLOTS + (int) (position & mask) * slotBytes;
    }
}
