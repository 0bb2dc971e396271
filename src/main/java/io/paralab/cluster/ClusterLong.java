package io.paralab.cluster;

import com.hazelcast.map.IMap;

import java.io.Serializable;

/**
 * A named {@code long} shared by a whole cluster, like {@link io.paralab.shared.SharedLong} across processes:
 * an entry of a Hazelcast map whose updates ({@link #addAndGet}, {@link #compareAndSet}, ...) run atomically
 * on the member that owns the entry ({@code IMap.executeOnKey}).
 *
 * <p><b>Guarantee:</b> each update is atomic and survives the death of the owning member while a backup copy
 * is on another member — but during a split brain each side updates its own copy, and one side's updates
 * are lost when the sides merge (Hazelcast's linearizable {@code IAtomicLong} is Enterprise-only).
 *
 * <p>{@link #get()} then {@link #set} is two steps, not one: concurrent tasks doing that lose updates, which
 * is the point of the notebook's comparison.
 *
 * <pre>{@code
 * ClusterLong hits = cluster.clusterLong("hits");
 * pool.map(i -> hits.incrementAndGet(), range);   // exact: one atomic update per item
 * }</pre>
 *
 * <p>It holds only names, so a task can capture it: on a member it uses that member's connection.
 */
public final class ClusterLong implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String MAP = "paralab.longs";

    private final String clusterName;
    private final String name;

    ClusterLong(String clusterName, String name) {
        this.clusterName = clusterName;
        this.name = name;
    }

    private IMap<String, Long> map() {
        return ClusterInstances.of(clusterName).getMap(MAP);
    }

    /** The current value; 0 before any update. */
    public long get() {
        Long value = map().get(name);
        return value == null ? 0 : value;
    }

    /** Sets the value (not atomic with a preceding {@link #get()}). */
    public void set(long value) {
        map().set(name, value);
    }

    /** Atomically adds {@code delta} and returns the new value. */
    public long addAndGet(long delta) {
        return map().executeOnKey(name, new LongUpdate(LongUpdate.Operation.ADD_AND_GET, delta, 0));
    }

    /** Atomically adds {@code delta} and returns the previous value. */
    public long getAndAdd(long delta) {
        return map().executeOnKey(name, new LongUpdate(LongUpdate.Operation.GET_AND_ADD, delta, 0));
    }

    /** Atomically adds one and returns the new value. */
    public long incrementAndGet() {
        return addAndGet(1);
    }

    /** Atomically sets {@code update} if the value is {@code expected}; true if it did. */
    public boolean compareAndSet(long expected, long update) {
        return map().executeOnKey(name, new LongUpdate(LongUpdate.Operation.COMPARE_AND_SET, expected, update)) == 1L;
    }

    /** The name in the cluster. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "ClusterLong[" + name + "]";
    }
}
