package io.paralab.cluster;

/**
 * One unit of work of a {@link ClusterPool}, seen from the submitting JVM: what travels (a
 * {@link ShippedBatch.Task}), the loader that decodes its results, its future, and the batch it is in while a
 * member has it. Fields other than the finals are guarded by the scheduler's lock.
 */
final class RemoteTask {

    final long id;
    final String label;
    final ShippedBatch.Task shipped;
    final ClassLoader loader;
    final ClusterFuture<?> future;
    final Runnable local;

    int retriesLeft;
    /** Travels in a call of its own: it was in a batch whose member died, and only alone can it be told apart. */
    boolean alone;
    ClusterScheduler.Batch batch;

    RemoteTask(long id, String label, ShippedBatch.Task shipped, ClassLoader loader, ClusterFuture<?> future,
               Runnable local, int retries) {
        this.id = id;
        this.label = label;
        this.shipped = shipped;
        this.loader = loader;
        this.future = future;
        this.local = local;
        this.retriesLeft = retries;
    }
}
