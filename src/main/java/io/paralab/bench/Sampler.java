package io.paralab.bench;

import io.paralab.threads.ProgressListener;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.function.LongSupplier;

/**
 * Times single invocations of work on the calling thread with a nanosecond clock, keeps their results in
 * the {@link Blackhole}, counts them for a {@link ProgressListener}, and stops when the thread is interrupted.
 */
final class Sampler {

    private final String benchName;
    private final LongSupplier clock;
    private final ProgressListener progress;
    private final long total;
    private long done;

    /**
     * @param benchName names the run in error messages
     * @param clock     nanosecond clock, {@code System::nanoTime} outside tests
     * @param progress  told after every invocation; may be null
     * @param total     invocations the run will make, warm-up included
     */
    Sampler(String benchName, LongSupplier clock, ProgressListener progress, long total) {
        this.benchName = benchName;
        this.clock = clock;
        this.progress = progress;
        this.total = total;
    }

    /**
     * Runs {@code work} once and returns how long it took in nanoseconds.
     *
     * @param what names the invocation in error messages, e.g. {@code "variant 'lock', measured run 3"}
     * @throws CancellationException when the thread was interrupted before or during the work
     * @throws IllegalStateException when the work threw; its exception is the cause
     */
    long time(Callable<?> work, String what) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException(benchName + " interrupted after " + done + " of " + total + " runs");
        }
        long start = clock.getAsLong();
        Object result;
        try {
            result = work.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException cancelled = new CancellationException(benchName + " interrupted in " + what);
            cancelled.initCause(e);
            throw cancelled;
        } catch (Exception e) {
            throw new IllegalStateException(benchName + ": " + what + " threw " + e, e);
        }
        long elapsed = clock.getAsLong() - start;
        Blackhole.consume(result);
        done++;
        if (progress != null) {
            progress.progress(done, total);
        }
        return elapsed;
    }

    /** Lets go of the last result kept alive. */
    void finish() {
        Blackhole.clear();
    }
}
