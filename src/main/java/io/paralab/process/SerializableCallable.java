package io.paralab.process;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A {@link Callable} that can be sent to a child JVM.
 *
 * <pre>{@code
 * Future<Long> pid = pool.submit(() -> ProcessHandle.current().pid());
 * }</pre>
 *
 * @param <V> the result type
 */
@FunctionalInterface
public interface SerializableCallable<V> extends Callable<V>, Serializable {
}
