package io.paralab.shared;

import java.nio.MappedByteBuffer;

import static io.paralab.shared.Region.LONGS;
import static io.paralab.shared.Region.PAYLOAD;

/**
 * A {@code long} shared between processes, updated lock-free: the {@link java.util.concurrent.atomic.AtomicLong}
 * of memory-mapped files. Every operation is one atomic instruction on the shared page (through a
 * {@link java.lang.invoke.VarHandle}), with volatile memory semantics.
 *
 * <p>The parent {@linkplain #create(String) creates} it by name, children {@linkplain #open(String) open} it
 * by name; the creator's {@link #close()} removes the name (children that have it open keep working on
 * their mapping). Thread-safe within a process as across processes. Every operation after {@link #close()}
 * throws {@link IllegalStateException}.
 *
 * <pre>{@code
 * // parent
 * try (SharedLong hits = SharedLong.create("hits")) {
 *     ... start 4 child JVMs, wait for them ...
 *     System.out.println(hits.get());          // 400000
 * }
 * // each child
 * try (SharedLong hits = SharedLong.open("hits")) {
 *     for (int i = 0; i < 100_000; i++) hits.incrementAndGet();
 * }
 * }</pre>
 */
public final class SharedLong extends SharedObject {

    private final MappedByteBuffer buffer;

    private SharedLong(Region region) {
        super(region);
        this.buffer = region.buffer();
    }

    /**
     * Creates a shared long named {@code name}, with value 0.
     *
     * @param name the region's name: 1 to 100 letters, digits, {@code _}, {@code .} or {@code -}, not starting
     *             with {@code .} or {@code -}
     * @return the open shared long; its {@code close()} removes the name
     * @throws SharedMemoryException when the name is taken or bad, or the file cannot be made (e.g. disk full)
     */
    public static SharedLong create(String name) {
        return new SharedLong(Region.create(name, Region.Type.SHARED_LONG, Long.BYTES, 0, 0, buffer -> { }));
    }

    /**
     * Opens the shared long another process (or this one) created.
     *
     * @param name the name it was created under
     * @return the open shared long; its {@code close()} unmaps it here and leaves the name
     * @throws SharedMemoryException when there is none of that name, or that region is not a shared long
     */
    public static SharedLong open(String name) {
        return new SharedLong(Region.open(name, Region.Type.SHARED_LONG));
    }

    /**
     * Reads the value, with volatile semantics.
     *
     * @return the current value
     */
    public long get() {
        region.checkOpen();
        return (long) LONGS.getVolatile(buffer, PAYLOAD);
    }

    /**
     * Sets the value, with volatile semantics.
     *
     * @param value the new value
     */
    public void set(long value) {
        region.checkOpen();
        LONGS.setVolatile(buffer, PAYLOAD, value);
    }

    /**
     * Sets the value atomically.
     *
     * @param value the new value
     * @return the value before
     */
    public long getAndSet(long value) {
        region.checkOpen();
        return (long) LONGS.getAndSet(buffer, PAYLOAD, value);
    }

    /**
     * Adds to the value atomically; overflow wraps around, as for {@code long} arithmetic.
     *
     * @param delta what to add, may be negative
     * @return the value before
     */
    public long getAndAdd(long delta) {
        region.checkOpen();
        return (long) LONGS.getAndAdd(buffer, PAYLOAD, delta);
    }

    /**
     * Adds to the value atomically; overflow wraps around.
     *
     * @param delta what to add, may be negative
     * @return the value after
     */
    public long addAndGet(long delta) {
        return getAndAdd(delta) + delta;
    }

    /**
     * Adds one atomically; overflow wraps around.
     *
     * @return the value after
     */
    public long incrementAndGet() {
        return getAndAdd(1) + 1;
    }

    /**
     * Sets the value to {@code newValue} if it is {@code expected}, atomically.
     *
     * @param expected the value it must have now
     * @param newValue the value to set
     * @return whether it was set; false when the value was not {@code expected}
     */
    public boolean compareAndSet(long expected, long newValue) {
        region.checkOpen();
        return LONGS.compareAndSet(buffer, PAYLOAD, expected, newValue);
    }

    @Override
    public String toString() {
        return "SharedLong[" + region.name() + (region.isClosed() ? ", closed]" : " = " + get() + "]");
    }
}
