package io.paralab.bench;

import java.util.concurrent.Callable;

/**
 * Work that returns nothing and may throw a checked exception, e.g. a simulated download with
 * {@code Thread.sleep}. Bench methods take it where {@link Runnable} would force a try/catch in the cell.
 *
 * <pre>{@code
 * Bench.compare("downloads").variant("sequential", () -> { for (int i = 0; i < 10; i++) Thread.sleep(50); });
 * }</pre>
 */
@FunctionalInterface
public interface CheckedRunnable {

    /** Does the work. */
    void run() throws Exception;

    /** This work as a {@link Callable} that returns {@code null}. */
    default Callable<Object> asCallable() {
        return () -> {
            run();
            return null;
        };
    }
}
