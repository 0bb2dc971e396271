package io.paralab.process;

import java.io.Serializable;
import java.util.function.Function;

/**
 * A {@link Function} that can be sent to a child JVM. A lambda whose target type is this interface is
 * serializable, so the pool can ship it (and any values it captures) to its workers.
 *
 * <pre>{@code
 * List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));
 * }</pre>
 *
 * @param <T> the argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Function<T, R>, Serializable {
}
