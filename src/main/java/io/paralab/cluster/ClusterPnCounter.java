package io.paralab.cluster;

import com.hazelcast.crdt.pncounter.PNCounter;

import java.io.Serializable;

/**
 * A named counter that every member may update on its own copy, merged in the background (Hazelcast's
 * {@code PNCounter}, a CRDT): updates are fast and always accepted, even when members cannot reach each
 * other.
 *
 * <p><b>Guarantee:</b> no update is ever lost, not even across a split brain — but a read may miss updates
 * made through other members that have not been replicated yet (every second by default): read too early and
 * the count is short.
 *
 * <pre>{@code
 * ClusterPnCounter seen = cluster.pnCounter("seen");
 * pool.map(i -> seen.incrementAndGet(), range);
 * }</pre>
 *
 * <p>It holds only names, so a task can capture it.
 */
public final class ClusterPnCounter implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String clusterName;
    private final String name;

    ClusterPnCounter(String clusterName, String name) {
        this.clusterName = clusterName;
        this.name = name;
    }

    private PNCounter counter() {
        return ClusterInstances.of(clusterName).getPNCounter("paralab.counter." + name);
    }

    /** The value as the replica asked knows it now. */
    public long get() {
        return counter().get();
    }

    /** Adds {@code delta} and returns the value as that replica knows it. */
    public long addAndGet(long delta) {
        return counter().addAndGet(delta);
    }

    /** Adds one and returns the value as that replica knows it. */
    public long incrementAndGet() {
        return counter().incrementAndGet();
    }

    /** The name in the cluster. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "ClusterPnCounter[" + name + "]";
    }
}
