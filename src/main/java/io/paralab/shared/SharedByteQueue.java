package io.paralab.shared;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import static io.paralab.shared.Ring.End.HEAD;
import static io.paralab.shared.Ring.End.TAIL;

/**
 * A bounded queue of byte messages shared between processes, for many producers and many consumers, that
 * loses nothing: the ring of {@link SharedQueue} with a slot per message, each as large as the longest
 * message allowed (fixed at creation). Messages are copied in and out; send text as UTF-8, objects
 * serialized.
 *
 * <pre>{@code
 * // parent
 * try (SharedByteQueue lines = SharedByteQueue.create("lines", 256, 1024)) { ... start children ... }
 *
 * // producer child
 * try (SharedByteQueue lines = SharedByteQueue.open("lines")) {
 *     lines.put("hello from a child".getBytes(StandardCharsets.UTF_8));
 * }
 * // consumer child
 * try (SharedByteQueue lines = SharedByteQueue.open("lines")) {
 *     System.out.println(new String(lines.take(), StandardCharsets.UTF_8));
 * }
 * }</pre>
 *
 * <p>Thread-safe within a process as across processes. Blocking operations spin briefly, then park for growing
 * intervals (up to 0.2 ms), respond to interrupts, and end as {@link SharedQueue}'s do when the thread's scope
 * gave up its waits. Every operation after {@link #close()} throws {@link IllegalStateException}. A process killed
 * between claiming a slot and publishing or freeing it stalls the queue at that slot.
 */
public final class SharedByteQueue extends SharedRingQueue {

    /** The longest message a queue may be created for. */
    public static final int MAX_MESSAGE_BYTES = 1 << 20;

    private final int maxMessageBytes;

    private SharedByteQueue(Region region, int capacity, int slotBytes) {
        super(region, capacity, slotBytes);
        this.maxMessageBytes = slotBytes - Long.BYTES - Integer.BYTES;
    }

    /**
     * Creates an empty shared byte queue.
     *
     * @param name            the region's name: 1 to 100 letters, digits, {@code _}, {@code .} or {@code -}, not
     *                        starting with {@code .} or {@code -}
     * @param capacity        how many messages it holds at most: a power of two from 2 to 2^26
     * @param maxMessageBytes the longest message, from 1 to {@link #MAX_MESSAGE_BYTES}; the queue may accept a
     *                        few bytes more, up to the slot's 8-byte alignment
     * @return the open queue; its {@code close()} removes the name
     * @throws IllegalArgumentException naming {@code capacity} or {@code maxMessageBytes} when it is out of range,
     *                                  or when the queue would not fit one mapping
     * @throws SharedMemoryException    when the name is taken or bad, or the file cannot be made
     */
    public static SharedByteQueue create(String name, int capacity, int maxMessageBytes) {
        checkedCapacity("shared byte queue", name, capacity);
        if (maxMessageBytes < 1 || maxMessageBytes > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("shared byte queue '" + name + "': maxMessageBytes must be between 1 and "
                    + MAX_MESSAGE_BYTES + ", got " + maxMessageBytes);
        }
        int slotBytes = Long.BYTES + ((Integer.BYTES + maxMessageBytes + 7) & ~7);
        Region region = Region.create(name, Region.Type.SHARED_BYTE_QUEUE, Ring.payloadBytes(capacity, slotBytes),
                capacity, slotBytes, buffer -> Ring.initialize(buffer, capacity, slotBytes));
        return new SharedByteQueue(region, capacity, slotBytes);
    }

    /**
     * Opens the shared byte queue another process created; its sizes come from the region.
     *
     * @param name the name it was created under
     * @return the open queue; its {@code close()} unmaps it here and leaves the name
     *
     * @throws SharedMemoryException when there is none of that name, or that region is not a shared byte queue
     */
    public static SharedByteQueue open(String name) {
        Region region = Region.open(name, Region.Type.SHARED_BYTE_QUEUE);
        if (!Ring.fits(region, region.param1(), region.param2())) {
            throw new SharedMemoryException(SharedMemoryException.Reason.TYPE_MISMATCH, "shared byte queue '" + name
                    + "' (" + region.path() + ") has a damaged header: capacity " + region.param1()
                    + ", slot " + region.param2() + " bytes");
        }
        return new SharedByteQueue(region, (int) region.param1(), (int) region.param2());
    }

    /**
     * The longest message it accepts.
     *
     * @return bytes: at least the {@code maxMessageBytes} given at creation, rounded up to fill the slot
     */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /**
     * Adds a copy of {@code message} if there is room now; does not wait.
     *
     * @param message the bytes to send, possibly empty
     * @return whether it was added; false when the queue is full
     * @throws IllegalArgumentException when the message is longer than {@link #maxMessageBytes()}
     */
    public boolean offer(byte[] message) {
        check(message);
        return write(ring.tryClaim(TAIL), message);
    }

    /**
     * Adds a copy of {@code message}, waiting at most {@code timeout} for room.
     *
     * @param message the bytes to send, possibly empty
     * @param timeout how long to wait at most; zero or negative does not wait
     * @return whether it was added; false when the queue stayed full
     * @throws IllegalArgumentException when the message is longer than {@link #maxMessageBytes()}
     * @throws InterruptedException     when interrupted while waiting; the message is not added
     */
    public boolean offer(byte[] message, Duration timeout) throws InterruptedException {
        check(message);
        return write(ring.claim(TAIL, new Backoff(timeout)), message);
    }

    /**
     * Adds a copy of {@code message}, waiting as long as needed for room.
     *
     * @param message the bytes to send, possibly empty
     *
     * @throws IllegalArgumentException when the message is longer than {@link #maxMessageBytes()}
     * @throws InterruptedException     when interrupted while waiting; the message is not added
     */
    public void put(byte[] message) throws InterruptedException {
        check(message);
        write(ring.claim(TAIL), message);
    }

    /**
     * Removes the head message if there is one now; does not wait.
     *
     * @return a copy of the head message, or empty when the queue is empty
     */
    public Optional<byte[]> poll() {
        region.checkOpen();
        long position = ring.tryClaim(HEAD);
        return position < 0 ? Optional.empty() : Optional.of(read(position));
    }

    /**
     * Removes and returns the head message, waiting at most {@code timeout} for one.
     *
     * @param timeout how long to wait at most; zero or negative does not wait
     *
     * @return the message, or empty when none came in time
     * @throws InterruptedException when interrupted while waiting; nothing is removed
     */
    public Optional<byte[]> poll(Duration timeout) throws InterruptedException {
        region.checkOpen();
        long position = ring.claim(HEAD, new Backoff(timeout));
        return position < 0 ? Optional.empty() : Optional.of(read(position));
    }

    /**
     * Removes and returns the head message, waiting as long as needed for one.
     *
     * @return a copy of the head message
     *
     * @throws InterruptedException when interrupted while waiting; nothing is removed
     */
    public byte[] take() throws InterruptedException {
        region.checkOpen();
        return read(ring.claim(HEAD));
    }

    @Override
    public String toString() {
        return describe(", messages up to " + maxMessageBytes + " B");
    }

    private void check(byte[] message) {
        Objects.requireNonNull(message, "message");
        region.checkOpen();
        if (message.length > maxMessageBytes) {
            throw new IllegalArgumentException("a message of " + message.length + " bytes does not fit shared byte queue '"
                    + region.name() + "', whose messages are at most " + maxMessageBytes + " bytes");
        }
    }

    private boolean write(long position, byte[] message) {
        if (position < 0) {
            return false;
        }
        int data = ring.data(position);
        buffer.putInt(data, message.length);
        buffer.put(data + Integer.BYTES, message);
        ring.publish(position);
        return true;
    }

    private byte[] read(long position) {
        int data = ring.data(position);
        byte[] message = new byte[buffer.getInt(data)];
        buffer.get(data + Integer.BYTES, message);
        ring.release(position);
        return message;
    }
}
