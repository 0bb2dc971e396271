package io.paralab.cluster;

import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;

/**
 * One unit of work of a {@link ClusterPool}, seen from the submitting JVM: what travels ({@link ShippedTask}),
 * the loader that decodes its results, its future, and where it is. Fields other than the finals are guarded
 * by the scheduler's lock.
 */
final class RemoteTask {

    final long id;
    final String label;
    final ShippedTask shipped;
    final ShippedTask.Kind kind;
    final ClassLoader loader;
    final ClusterFuture<?> future;
    final Runnable local;

    int retriesLeft;
    ClusterScheduler.MemberSlot slot;
    Future<TaskOutcome> remote;
    ScheduledFuture<?> timeout;

    RemoteTask(long id, String label, ShippedTask shipped, ShippedTask.Kind kind, ClassLoader loader,
               ClusterFuture<?> future, Runnable local, int retries) {
        this.id = id;
        this.label = label;
        this.shipped = shipped;
        this.kind = kind;
        this.loader = loader;
        this.future = future;
        this.local = local;
        this.retriesLeft = retries;
    }
}
