package io.paralab.threads;

/**
 * Which kind of thread a helper starts.
 *
 * <pre>{@code
 * ThreadFactory factory = new NamedThreadFactory(ThreadKind.VIRTUAL, "download-");
 * }</pre>
 */
public enum ThreadKind {
    /** An operating-system thread: for CPU-bound work, one per core. */
    PLATFORM,
    /** A virtual thread: cheap, for blocking I/O, thousands at once. */
    VIRTUAL;

    /** A fresh, unnamed builder for this kind of thread. */
    Thread.Builder builder() {
        return this == PLATFORM ? Thread.ofPlatform() : Thread.ofVirtual();
    }
}
