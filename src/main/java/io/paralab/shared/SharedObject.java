package io.paralab.shared;

/**
 * What the shared types have in common: a named region of shared memory, its {@link #name()} and its
 * {@link #close()}. The creator's {@code close()} also removes the name; processes that have it open keep working on
 * their mapping. A region its creator never closed is removed when the creator exits, unless it asked to
 * {@linkplain #keepAfterExit() keep} it.
 *
 * <pre>{@code
 * try (SharedLong hits = SharedLong.create("hits")) {
 *     System.out.println(hits.name());    // hits
 * }
 * }</pre>
 */
public abstract sealed class SharedObject implements AutoCloseable
        permits SharedLong, SharedLongArray, SharedLock, SharedRingQueue {

    /** The mapped region; its {@code checkOpen()} guards every operation. */
    final Region region;

    SharedObject(Region region) {
        this.region = region;
    }

    /**
     * The region's name.
     *
     * @return the name it was created or opened under
     */
    public final String name() {
        return region.name();
    }

    /**
     * Keeps the region in the shared directory after this process exits without closing it; by default a
     * creator's regions are removed when it exits (and those of a creator killed by SIGKILL by the next
     * process that uses the directory). {@link #close()} still removes it. Another process opens it by name
     * later; creating the name again fails while it is there.
     *
     * <pre>{@code
     * SharedLongArray results = SharedLongArray.create("results", 1_000);
     * results.keepAfterExit();   // still there for the next run to open
     * }</pre>
     *
     * @throws IllegalStateException when this process did not create it, or it is closed
     */
    public final void keepAfterExit() {
        region.keepAfterExit();
    }

    /**
     * Closes it here; when this process created it, also removes the name. Other processes that have it open keep
     * working on their mapping. Idempotent.
     *
     * @throws SharedMemoryException when the creator cannot delete the region's file
     */
    @Override
    public final void close() {
        region.close();
    }
}
