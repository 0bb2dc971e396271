package io.paralab.shared;

/**
 * What the shared types have in common: a named region of shared memory, its {@link #name()} and its
 * {@link #close()}. The creator's {@code close()} also removes the name; processes that have it open keep working on
 * their mapping.
 *
 * <pre>{@code
 * try (SharedLong hits = SharedLong.create("hits")) {
 *     System.out.println(hits.name());    // hits
 * }
 * }</pre>
 */
public abstract sealed class SharedObject implements AutoCloseable
        permits SharedLong, SharedLongArray, SharedLock, SharedQueue, SharedByteQueue {

    /** The mapped region; its {@code checkOpen()} guards every operation. */
    final Region region;

    SharedObject(Region region) {
        this.region = region;
    }

    /** The region's name. */
    public final String name() {
        return region.name();
    }

    /** Closes it here; when this process created it, also removes the name. Idempotent. */
    @Override
    public final void close() {
        region.close();
    }
}
