package io.paralab.process;

import java.time.Duration;
import java.util.List;

/**
 * The options every builder of child JVMs takes — {@link JvmProcess.Builder} for one child,
 * {@link ProcessPool.Builder} for a pool's workers: extra options for the child's java command, and how long
 * a child may take to start and connect back.
 *
 * <pre>{@code
 * JvmProcess.builder().jvmOptions("-Xmx64m").startTimeout(Duration.ofSeconds(10)).start(() -> 42);
 * ProcessPool.builder().workers(4).jvmOptions("-Xmx256m").build();
 * }</pre>
 *
 * @param <B> the builder's own type, which every option returns
 */
public abstract sealed class ChildJvmBuilder<B extends ChildJvmBuilder<B>> permits JvmProcess.Builder, ProcessPool.Builder {

    /** The extra options, checked; none by default. */
    List<String> jvmOptions = List.of();
    /** How long a child may take to start and connect back. */
    Duration startTimeout = Duration.ofSeconds(30);

    ChildJvmBuilder() {
    }

    /**
     * Extra options for the child's java command, e.g. {@code "-Xmx64m"}; options that print to stdout
     * ({@code -verbose}, {@code -Xlog} without a file or stderr output) are refused.
     *
     * @throws IllegalArgumentException naming the option refused and what to use instead
     */
    public B jvmOptions(String... options) {
        this.jvmOptions = ChildJvm.checkJvmOptions(options);
        return self();
    }

    /**
     * How long a child may take to start and connect back; 30 s by default.
     *
     * @throws IllegalArgumentException when the timeout is not positive
     */
    public B startTimeout(Duration timeout) {
        this.startTimeout = ChildJvm.checkStartTimeout(timeout);
        return self();
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
