package io.paralab.shared;

import java.nio.MappedByteBuffer;
import java.util.Objects;

import static io.paralab.shared.Region.LONGS;
import static io.paralab.shared.Region.PAYLOAD;

/**
 * A fixed-length array of {@code long}s shared between processes, each element updated lock-free: the
 * {@link java.util.concurrent.atomic.AtomicLongArray} of memory-mapped files. The length is fixed at
 * creation; every element starts at 0.
 *
 * <pre>{@code
 * // parent: one slot per child for its partial sum
 * try (SharedLongArray sums = SharedLongArray.create("sums", 4)) {
 *     ... start 4 children, child i opens "sums" and calls sums.set(i, partial) ...
 *     long total = 0;
 *     for (int i = 0; i < sums.length(); i++) total += sums.get(i);
 * }
 * }</pre>
 */
public final class SharedLongArray extends SharedObject {

    private final MappedByteBuffer buffer;
    private final int length;

    private SharedLongArray(Region region, int length) {
        super(region);
        this.buffer = region.buffer();
        this.length = length;
    }

    /**
     * Creates a shared array of {@code length} zeros.
     *
     * @throws IllegalArgumentException when {@code length} is below 1 or too large for one mapping
     * @throws SharedMemoryException    when the name is taken or bad, or the file cannot be made
     */
    public static SharedLongArray create(String name, int length) {
        if (length < 1 || length > (Integer.MAX_VALUE - PAYLOAD) / Long.BYTES) {
            throw new IllegalArgumentException("shared array '" + name + "': length " + length
                    + " is not between 1 and " + (Integer.MAX_VALUE - PAYLOAD) / Long.BYTES);
        }
        Region region = Region.create(name, Region.Type.SHARED_LONG_ARRAY, (long) length * Long.BYTES, length, 0,
                buffer -> { });
        return new SharedLongArray(region, length);
    }

    /**
     * Opens the shared array another process created; its length comes from the region.
     *
     * @throws SharedMemoryException when there is none of that name, or that region is not a shared array
     */
    public static SharedLongArray open(String name) {
        Region region = Region.open(name, Region.Type.SHARED_LONG_ARRAY);
        long length = region.param1();
        if (length < 1 || (long) Region.PAYLOAD + length * Long.BYTES != region.buffer().capacity()) {
            throw new SharedMemoryException(SharedMemoryException.Reason.TYPE_MISMATCH, "shared array '" + name
                    + "' (" + region.path() + ") has a damaged header: length " + length);
        }
        return new SharedLongArray(region, (int) length);
    }

    /** The number of elements. */
    public int length() {
        return length;
    }

    /** The value at {@code index}. */
    public long get(int index) {
        return (long) LONGS.getVolatile(buffer, offset(index));
    }

    /** Sets the value at {@code index}. */
    public void set(int index, long value) {
        LONGS.setVolatile(buffer, offset(index), value);
    }

    /** Sets the value at {@code index} and returns the old one. */
    public long getAndSet(int index, long value) {
        return (long) LONGS.getAndSet(buffer, offset(index), value);
    }

    /** Adds {@code delta} at {@code index} and returns the value before. */
    public long getAndAdd(int index, long delta) {
        return (long) LONGS.getAndAdd(buffer, offset(index), delta);
    }

    /** Adds {@code delta} at {@code index} and returns the value after. */
    public long addAndGet(int index, long delta) {
        return getAndAdd(index, delta) + delta;
    }

    /** Adds one at {@code index} and returns the value after. */
    public long incrementAndGet(int index) {
        return getAndAdd(index, 1) + 1;
    }

    /**
     * Sets the value at {@code index} to {@code newValue} if it is {@code expected}.
     *
     * @return whether it was set
     */
    public boolean compareAndSet(int index, long expected, long newValue) {
        return LONGS.compareAndSet(buffer, offset(index), expected, newValue);
    }

    /** A copy of all values; each read atomically, not all at one instant. */
    public long[] toArray() {
        long[] values = new long[length];
        for (int i = 0; i < length; i++) {
            values[i] = get(i);
        }
        return values;
    }

    @Override
    public String toString() {
        return "SharedLongArray[" + region.name() + ", length " + length + (region.isClosed() ? ", closed]" : "]");
    }

    private int offset(int index) {
        region.checkOpen();
        return PAYLOAD + Long.BYTES * Objects.checkIndex(index, length);
    }
}
