package io.paralab.process;

import java.io.Serializable;

/**
 * A {@link Runnable} that can be sent to a child JVM.
 *
 * <pre>{@code
 * pool.execute(() -> System.out.println("hello from a worker"));
 * }</pre>
 */
@FunctionalInterface
public interface SerializableRunnable extends Runnable, Serializable {
}
