package io.paralab.kernel.execution;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A time limit on cells ({@code JJAVA_TIMEOUT}): a cell that runs longer is stopped as an interrupt stops it, and
 * fails with a {@code Timeout} error that says so; variables defined before stay.
 *
 * <pre>{@code
 * CellTimeout timeout = new CellTimeout(Duration.ofSeconds(30));
 * Object value = timeout.run(runner, cell, () -> evaluator.evaluate(code, 7));
 * }</pre>
 */
public final class CellTimeout {

    private final Duration limit;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("paralab-cell-timeout").unstarted(r));

    /** @param limit how long a cell may run */
    public CellTimeout(Duration limit) {
        this.limit = limit;
    }

    /**
     * Runs {@code body} with {@code runner} and stops it once the limit has passed.
     *
     * @throws CellFailure what {@link CellRunner#run} throws; a {@code Timeout} failure if the limit stopped it
     */
    public <T> T run(CellRunner runner, CellContext cell, Callable<T> body) {
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> alarm = timer.schedule(() -> {
            expired.set(true);
            runner.interrupt();
        }, limit.toNanos(), TimeUnit.NANOSECONDS);
        try {
            return runner.run(cell, body);
        } catch (CellFailure failure) {
            if (expired.get() && failure.name().equals("Interrupted")) {
                String message = "the cell ran longer than the time limit (JJAVA_TIMEOUT) of " + limit.toMillis()
                        + " ms and was stopped";
                throw new CellFailure("Timeout", message, List.of("Timeout: " + message
                        + "; variables defined before are kept"));
            }
            throw failure;
        } finally {
            alarm.cancel(false);
        }
    }
}
