package io.paralab.threads;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * A {@link ThreadFactory} whose threads are named {@code prefix + n}, n counting from 0, so thread dumps,
 * timelines and logs say which helper started them.
 *
 * <p>Every thread it makes is a daemon thread: a forgotten helper thread does not keep the JVM or the kernel
 * alive (virtual threads are daemon threads anyway). The factory is thread-safe: pools call
 * {@link #newThread(Runnable)} from any thread, and each name is handed out once.
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
    private final ThreadFactory factory;

    /**
     * A factory of daemon threads of the given kind named {@code prefix + n}.
     *
     * @param kind   platform or virtual threads
     * @param prefix the start of every name, e.g. {@code "download-"}
     * @throws NullPointerException when {@code kind} or {@code prefix} is null
     */
    public NamedThreadFactory(ThreadKind kind, String prefix) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        Thread.Builder builder = kind.builder().name(prefix, 0);
        if (builder instanceof Thread.Builder.OfPlatform platform) {
            platform.daemon(true);
        }
        this.factory = builder.factory();
    }

    /**
     * A new, unstarted daemon thread named {@code prefix + n} that runs {@code task}.
     *
     * @param task what the thread runs
     * @return the thread, not started
     */
    @Override
    public Thread newThread(Runnable task) {
        return factory.newThread(task);
    }

    @Override
    public String toString() {
        return "NamedThreadFactory[" + kind + ", " + prefix + "n]";
    }
}
