package io.paralab.threads;

/**
 * Told how far a run of many items has come. The process pool's {@code map} and the bench harness call it;
 * the notebook extension turns it into a live progress bar. Calls may come from many threads at once: an
 * implementation must be thread-safe.
 *
 * <pre>{@code
 * pool.map(x -> x * x, items, (done, total) -> System.out.printf("%d/%d%n", done, total));
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {

    /**
     * Called when more items are done; may be called from any thread, possibly concurrently, and not
     * necessarily for every item. The last call has {@code done == total}.
     *
     * @param done  items finished so far (successfully or not)
     * @param total items in the run
     */
    void progress(long done, long total);
}
