package io.paralab.cluster;

import com.hazelcast.map.IMap;

import java.io.Serializable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * A named mutual-exclusion lock for a whole cluster, like {@link io.paralab.shared.SharedLock} across
 * processes: the lock of a Hazelcast map entry ({@code IMap.lock}). It is reentrant and owned by a thread of
 * a member: the thread that locked it unlocks it.
 *
 * <p><b>Guarantee:</b> one holder at a time while the cluster is whole, and a holder's lock is released when
 * its member dies — but during a split brain each side can grant it, so two holders run at once (the
 * linearizable {@code FencedLock} is Enterprise-only).
 *
 * <pre>{@code
 * ClusterLock lock = cluster.lock("printer");
 * pool.map(i -> { lock.lock(); try { return work(i); } finally { lock.unlock(); } }, items);
 * }</pre>
 *
 * <p>It holds only names, so a task can capture it. {@link #newCondition()} is not supported.
 */
public final class ClusterLock implements Lock, Serializable {

    private static final long serialVersionUID = 1L;
    static final String MAP = "paralab.locks";

    private final String clusterName;
    private final String name;

    ClusterLock(String clusterName, String name) {
        this.clusterName = clusterName;
        this.name = name;
    }

    private IMap<String, Boolean> map() {
        return ClusterInstances.of(clusterName).getMap(MAP);
    }

    /** Waits until this thread holds the lock. */
    @Override
    public void lock() {
        map().lock(name);
    }

    /** Waits until this thread holds the lock or is interrupted. */
    @Override
    public void lockInterruptibly() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        while (!map().tryLock(name, 1, TimeUnit.SECONDS)) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** Takes the lock if it is free now. */
    @Override
    public boolean tryLock() {
        return map().tryLock(name);
    }

    /** Takes the lock if it becomes free within the time given. */
    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        return map().tryLock(name, time, unit);
    }

    /**
     * Releases the lock.
     *
     * @throws IllegalMonitorStateException when the calling thread does not hold it
     */
    @Override
    public void unlock() {
        map().unlock(name);
    }

    /** Whether some thread in the cluster holds the lock now. */
    public boolean isLocked() {
        return map().isLocked(name);
    }

    /** Not supported: a cluster lock has no conditions. */
    @Override
    public Condition newCondition() {
        throw new UnsupportedOperationException("a ClusterLock has no conditions; use a ClusterQueue to hand work over");
    }

    /** The name in the cluster. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "ClusterLock[" + name + "]";
    }
}
