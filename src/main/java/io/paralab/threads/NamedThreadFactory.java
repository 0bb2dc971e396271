package io.paralab.threads;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * A {@link ThreadFactory} whose threads are named {@code prefix + n}, n counting from 0, so thread dumps,
 * timelines and logs say which helper started them.
 *
 * <p>Platform threads are daemon threads by default (a forgotten helper thread does not keep the JVM or the
 * kernel alive); {@link #withDaemon(boolean)} changes that. Virtual threads are always daemon threads.
 *
 * <pre>{@code
 * ThreadFactory factory = new NamedThreadFactory(ThreadKind.PLATFORM, "primes-");
 * try (ExecutorService pool = Executors.newFixedThreadPool(2, factory)) {   // threads primes-0, primes-1
 *     ...
 * }
 * }</pre>
 */
public final class NamedThreadFactory implements ThreadFactory {

    private final ThreadKind kind;
    private final String prefix;
    private final boolean daemon;
    private final ThreadFactory factory;

    /**
     * A factory of daemon threads of the given kind named {@code prefix + n}.
     *
     * @param kind   platform or virtual threads
     * @param prefix the start of every name, e.g. {@code "download-"}
     */
    public NamedThreadFactory(ThreadKind kind, String prefix) {
        this(kind, prefix, true);
    }

    private NamedThreadFactory(ThreadKind kind, String prefix, boolean daemon) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        if (kind == ThreadKind.VIRTUAL && !daemon) {
            throw new IllegalArgumentException("virtual threads are always daemon threads");
        }
        this.daemon = daemon;
        Thread.Builder builder = kind.builder().name(prefix, 0);
        if (builder instanceof Thread.Builder.OfPlatform platform) {
            platform.daemon(daemon);
        }
        this.factory = builder.factory();
    }

    /**
     * A factory like this one whose platform threads are daemon threads or not.
     *
     * @throws IllegalArgumentException when asking virtual threads not to be daemon threads
     */
    public NamedThreadFactory withDaemon(boolean daemon) {
        return new NamedThreadFactory(kind, prefix, daemon);
    }

    /** The kind of thread made. */
    public ThreadKind kind() {
        return kind;
    }

    /** Whether the threads made are daemon threads. */
    public boolean isDaemon() {
        return daemon;
    }

    /** A new, unstarted thread named {@code prefix + n} that runs {@code task}. */
    @Override
    public Thread newThread(Runnable task) {
        return factory.newThread(task);
    }

    @Override
    public String toString() {
        return "NamedThreadFactory[" + kind + ", " + prefix + "n" + (daemon ? ", daemon" : "") + "]";
    }
}
