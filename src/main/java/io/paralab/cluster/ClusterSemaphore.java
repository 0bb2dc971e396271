package io.paralab.cluster;

import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

import java.io.Serializable;
import java.util.concurrent.TimeUnit;

/**
 * A named counting semaphore for a whole cluster: its permits are tokens in a Hazelcast queue, so
 * {@link #acquire()} takes one (waiting while none is left) and {@link #release()} puts one back.
 *
 * <p><b>Guarantee:</b> never more holders than permits while the cluster is whole — but a permit whose
 * holder dies before releasing it is lost for good (the linearizable, session-aware {@code ISemaphore} is
 * Enterprise-only).
 *
 * <pre>{@code
 * ClusterSemaphore db = cluster.semaphore("db", 2);          // at most 2 tasks use the database at once
 * pool.map(i -> { db.acquire(); try { return query(i); } finally { db.release(); } }, items);
 * }</pre>
 *
 * <p>It holds only names, so a task can capture it.
 */
public final class ClusterSemaphore implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String PERMITS_MAP = "paralab.semaphores";
    private static final Integer TOKEN = 1;

    private final String clusterName;
    private final String name;
    private final int permits;

    private ClusterSemaphore(String clusterName, String name, int permits) {
        this.clusterName = clusterName;
        this.name = name;
        this.permits = permits;
    }

    /** Creates the semaphore in the cluster if it is new (filling its permits), else checks it matches. */
    static ClusterSemaphore create(HazelcastInstance hazelcast, String clusterName, String name, int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("a semaphore needs at least 1 permit, got " + permits);
        }
        IMap<String, Integer> registry = hazelcast.getMap(PERMITS_MAP);
        Integer existing = registry.putIfAbsent(name, permits);
        if (existing != null && existing != permits) {
            throw new IllegalArgumentException("semaphore " + name + " exists with " + existing + " permits, not " + permits);
        }
        ClusterSemaphore semaphore = new ClusterSemaphore(clusterName, name, permits);
        if (existing == null) {
            IQueue<Integer> tokens = semaphore.tokens();
            for (int i = 0; i < permits; i++) {
                tokens.add(TOKEN);
            }
        }
        return semaphore;
    }

    private IQueue<Integer> tokens() {
        return ClusterInstances.of(clusterName).getQueue("paralab.semaphore." + name);
    }

    /** Waits for a permit and takes it. */
    public void acquire() throws InterruptedException {
        tokens().take();
    }

    /** Takes a permit if one becomes free within the time given. */
    public boolean tryAcquire(long timeout, TimeUnit unit) throws InterruptedException {
        return tokens().poll(timeout, unit) != null;
    }

    /**
     * Gives a permit back.
     *
     * @throws IllegalStateException when all permits are free already (a release without an acquire)
     */
    public void release() {
        IQueue<Integer> tokens = tokens();
        if (tokens.size() >= permits) {
            throw new IllegalStateException("semaphore " + name + " has all its " + permits
                    + " permits free: release() without acquire()");
        }
        tokens.add(TOKEN);
    }

    /** The permits free now; fewer than {@link #permits()} for as long as holders (or dead holders) keep them. */
    public int availablePermits() {
        return tokens().size();
    }

    /** The permits it was created with. */
    public int permits() {
        return permits;
    }

    /** The name in the cluster. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "ClusterSemaphore[" + name + ", " + permits + " permits]";
    }
}
