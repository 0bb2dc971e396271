package io.paralab.shared;

import java.nio.MappedByteBuffer;
import java.util.Objects;

import static io.paralab.shared.Region.LONGS;
import static io.paralab.shared.Region.PAYLOAD;

/**
 * A fixed-length array of {@code long}s shared between processes, each element updated lock-free: the
 * {@link java.util.concurrent.atomic.AtomicLongArray} of memory-mapped files. The length is fixed at
 * creation; every element starts at 0. Thread-safe within a process as across processes. An index outside
 * {@code [0, length())} is an {@link IndexOutOfBoundsException}; every operation after {@link #close()} throws
 * {@link IllegalStateException}.
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

    /** The most elements an array may have: as many as fit one mapping after the region's header. */
    public static final int MAX_LENGTH = (Integer.MAX_VALUE - PAYLOAD) / Long.BYTES;

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
     * @param name   the region's name: 1 to 100 letters, digits, {@code _}, {@code .} or {@code -}, not starting
     *               with {@code .} or {@code -}
     * @param length how many elements, from 1 to {@value #MAX_LENGTH}
     * @return the open shared array; its {@code close()} removes the name
     * @throws IllegalArgumentException naming {@code length} when it is below 1 or above {@value #MAX_LENGTH}
     * @throws SharedMemoryException    when the name is taken or bad, or the file cannot be made
     */
    public static SharedLongArray create(String name, int length) {
        if (length < 1 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("shared array '" + name + "': length must be between 1 and "
                    + MAX_LENGTH + ", got " + length);
        }
        Region region = Region.create(name, Region.Type.SHARED_LONG_ARRAY, (long) length * Long.BYTES, length, 0,
                buffer -> { });
        return new SharedLongArray(region, length);
    }

    /**
     * Opens the shared array another process created; its length comes from the region.
     *
     * @param name the name it was created under
     * @return the open shared array; its {@code close()} unmaps it here and leaves the name
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

    /**
     * The number of elements, fixed at creation.
     *
     * @return the length, at least 1
     */
    public int length() {
        return length;
    }

    /**
     * Reads an element, with volatile semantics.
     *
     * @param index from 0 to {@code length() - 1}
     * @return the value at {@code index}
     */
    public long get(int index) {
        return (long) LONGS.getVolatile(buffer, offset(index));
    }

    /**
     * Sets an element, with volatile semantics.
     *
     * @param index from 0 to {@code length() - 1}
     * @param value the new value
     */
    public void set(int index, long value) {
        LONGS.setVolatile(buffer, offset(index), value);
    }

    /**
     * Sets an element atomically.
     *
     * @param index from 0 to {@code length() - 1}
     * @param value the new value
     * @return the value before
     */
    public long getAndSet(int index, long value) {
        return (long) LONGS.getAndSet(buffer, offset(index), value);
    }

    /**
     * Adds to an element atomically; overflow wraps around.
     *
     * @param index from 0 to {@code length() - 1}
     * @param delta what to add, may be negative
     * @return the value before
     */
    public long getAndAdd(int index, long delta) {
        return (long) LONGS.getAndAdd(buffer, offset(index), delta);
    }

    /**
     * Adds to an element atomically; overflow wraps around.
     *
     * @param index from 0 to {@code length() - 1}
     * @param delta what to add, may be negative
     * @return the value after
     */
    public long addAndGet(int index, long delta) {
        return getAndAdd(index, delta) + delta;
    }

    /**
     * Adds one to an element atomically; overflow wraps around.
     *
     * @param index from 0 to {@code length() - 1}
     * @return the value after
     */
    public long incrementAndGet(int index) {
        return getAndAdd(index, 1) + 1;
    }

    /**
     * Sets an element to {@code newValue} if it is {@code expected}, atomically.
     *
     * @param index    from 0 to {@code length() - 1}
     * @param expected the value it must have now
     * @param newValue the value to set
     * @return whether it was set; false when the element was not {@code expected}
     */
    public boolean compareAndSet(int index, long expected, long newValue) {
        return LONGS.compareAndSet(buffer, offset(index), expected, newValue);
    }

    /**
     * A copy of all values; each read atomically, not all at one instant.
     *
     * @return a new array of {@code length()} values
     */
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
