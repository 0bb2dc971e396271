package io.paralab.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This JVM's place in a Hazelcast cluster: a <em>lite member</em> — it runs no pool tasks and holds no data,
 * but it submits tasks ({@link ClusterPool}), serves the classes of those tasks to the members that run them,
 * and reaches the cluster primitives. {@link LocalCluster} makes one for the members it starts; for an
 * existing cluster of {@link ClusterMember}s on real machines, join it by listing their addresses:
 *
 * <pre>{@code
 * try (var cluster = ClusterConnection.builder("lab")
 *         .members("10.0.0.5:5701", "10.0.0.6:5701")
 *         .bindAddress("10.0.0.7")          // this machine's address on their network
 *         .join();
 *      var pool = ClusterPool.of(cluster)) {
 *     System.out.println(pool.map(x -> x * x, List.of(1, 2, 3)));
 * }
 * }</pre>
 *
 * <p>It binds one address: loopback when every member is on loopback, otherwise the address given to
 * {@link Builder#bindAddress} (required then). Closing it leaves the cluster; the members keep running.
 */
public final class ClusterConnection implements AutoCloseable {

    private static final AtomicInteger CONNECTIONS = new AtomicInteger();

    private final HazelcastInstance hazelcast;
    private final String clusterName;

    private ClusterConnection(HazelcastInstance hazelcast, String clusterName) {
        this.hazelcast = hazelcast;
        this.clusterName = clusterName;
    }

    /**
     * Joins the cluster {@code clusterName} whose members are on loopback, e.g. started by hand with
     * {@link ClusterMember} on this machine.
     *
     * @throws IllegalArgumentException when an address is not {@code host:port}, or not on loopback (then use
     *                                  {@link #builder} and name this machine's address)
     * @throws IllegalStateException    when no member answered
     */
    public static ClusterConnection join(String clusterName, String... memberAddresses) {
        return builder(clusterName).members(memberAddresses).join();
    }

    /** Options: member addresses, this JVM's bind address and name. */
    public static Builder builder(String clusterName) {
        return new Builder(clusterName);
    }

    /** The cluster's name. */
    public String clusterName() {
        return clusterName;
    }

    /** The data members now in the cluster, e.g. {@code "member-2 (pid 4242) at 127.0.0.1:5702"}. */
    public List<String> members() {
        List<String> labels = new ArrayList<>();
        for (Member member : hazelcast.getCluster().getMembers()) {
            if (!member.isLiteMember()) {
                labels.add(MemberLabel.of(member));
            }
        }
        return labels;
    }

    /** A {@link ClusterLong} with this name; every member and connection of the cluster sees the same one. */
    public ClusterLong clusterLong(String name) {
        return new ClusterLong(clusterName, checkName(name));
    }

    /** A {@link ClusterLock} with this name. */
    public ClusterLock lock(String name) {
        return new ClusterLock(clusterName, checkName(name));
    }

    /**
     * A {@link ClusterSemaphore} with this name; the first call in the cluster sets its permits, later calls
     * with the same name get the same semaphore (their {@code permits} must match).
     *
     * @throws IllegalArgumentException when {@code permits < 1}, or the semaphore exists with other permits
     */
    public ClusterSemaphore semaphore(String name, int permits) {
        return ClusterSemaphore.create(hazelcast, clusterName, checkName(name), permits);
    }

    /**
     * A {@link ClusterQueue} with this name, without a bound, for elements of {@code type} (whose class loader
     * decodes them: pass a cell's record class and its elements work in the notebook and on the members).
     */
    public <E> ClusterQueue<E> queue(String name, Class<E> type) {
        return new ClusterQueue<>(clusterName, checkName(name), Objects.requireNonNull(type, "type"));
    }

    /** A {@link ClusterPnCounter} with this name. */
    public ClusterPnCounter pnCounter(String name) {
        return new ClusterPnCounter(clusterName, checkName(name));
    }

    /** The Hazelcast instance behind this connection, for what ParaLab does not wrap (maps, topics, SQL). */
    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    /** Leaves the cluster; the members keep running. Pools of this connection stop working. */
    @Override
    public void close() {
        hazelcast.shutdown();
    }

    @Override
    public String toString() {
        return "ClusterConnection[" + clusterName + ", " + members().size() + " members]";
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a cluster object needs a non-blank name, got " + (name == null ? "null" : "'" + name + "'"));
        }
        return name;
    }

    /**
     * Options for joining a cluster.
     *
     * <pre>{@code
     * var cluster = ClusterConnection.builder("lab").members("10.0.0.5:5701").bindAddress("10.0.0.7").join();
     * }</pre>
     */
    public static final class Builder {
        private final String clusterName;
        private List<String> members = List.of();
        private String bindAddress;
        private String name;

        private Builder(String clusterName) {
            if (clusterName == null || clusterName.isBlank()) {
                throw new IllegalArgumentException("the cluster needs a name, got " + clusterName);
            }
            this.clusterName = clusterName;
        }

        /** The members' addresses, {@code host:port} each; at least one. */
        public Builder members(String... addresses) {
            List<String> list = new ArrayList<>();
            for (String address : addresses) {
                list.add(HostPort.parse(address).toString());
            }
            this.members = List.copyOf(list);
            return this;
        }

        /** This machine's address that the members can reach; required unless every member is on loopback. */
        public Builder bindAddress(String host) {
            this.bindAddress = Objects.requireNonNull(host, "host");
            return this;
        }

        /** How this JVM is named among the members; {@code "connection-N"} by default. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Joins as a lite member and returns once it is in the cluster.
         *
         * @throws IllegalArgumentException when no member was given, or a member is not on loopback and no bind
         *                                  address was given
         * @throws IllegalStateException    when the cluster could not be joined
         */
        public ClusterConnection join() {
            if (members.isEmpty()) {
                throw new IllegalArgumentException("name at least one member address (host:port) of cluster " + clusterName);
            }
            String host = bindAddress;
            if (host == null) {
                for (String member : members) {
                    if (!isLoopback(HostPort.parse(member).host())) {
                        throw new IllegalArgumentException("member " + member + " is not on loopback: name this "
                                + "machine's address on its network with bindAddress(...); ParaLab binds loopback unless told");
                    }
                }
                host = "127.0.0.1";
            }
            String label = name != null ? name : "connection-" + CONNECTIONS.incrementAndGet();
            HazelcastInstance instance;
            try {
                instance = Hazelcast.newHazelcastInstance(MemberConfig.of(new MemberConfig.Spec(clusterName, label, host,
                        MemberConfig.freePort(host), members, 1, true)));
            } catch (IOException e) {
                throw new UncheckedIOException("no free port on " + host + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new IllegalStateException("could not join cluster " + clusterName + " at " + members + ": " + e, e);
            }
            return new ClusterConnection(instance, clusterName);
        }

        private static boolean isLoopback(String host) {
            try {
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("unknown member host " + host, e);
            }
        }
    }
}
