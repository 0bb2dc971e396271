package io.paralab.cluster;

import io.paralab.process.JvmProcess;
import io.paralab.process.Pipe;
import io.paralab.process.SerializableFunction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Hazelcast cluster on this machine, for learning what changes beyond one machine: {@code n} member JVMs
 * on 127.0.0.1 (started like every ParaLab child JVM: they die with this JVM and, when its class path holds jars
 * alone, start from a class-data archive: on JDK 25+ an AOT cache made from the first member's run, which forms a
 * cluster and runs the pool's tasks), under a cluster name no other cluster has, plus this JVM's
 * {@linkplain #connection() connection} to them.
 *
 * <pre>{@code
 * try (var cluster = LocalCluster.start(2); var pool = ClusterPool.of(cluster.connection())) {
 *     System.out.println(cluster.memberPids());                         // two pids, neither this JVM's
 *     System.out.println(pool.map(x -> x * x, List.of(1, 2, 3)));       // [1, 4, 9]
 * }
 * }</pre>
 *
 * <p>{@link #close()} leaves the cluster, shuts the members down and waits for their processes to end
 * (killing any that linger): no process or port is left behind.
 */
public final class LocalCluster implements AutoCloseable {

    private static final AtomicInteger CLUSTERS = new AtomicInteger();
    private static final String HOST = "127.0.0.1";
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final Duration QUIET_WAIT = Duration.ofSeconds(5);

    private final String clusterName;
    private final List<JvmProcess<String>> members;
    private final List<String> addresses;
    private final ClusterConnection connection;

    private LocalCluster(String clusterName, List<JvmProcess<String>> members, List<String> addresses,
                         ClusterConnection connection) {
        this.clusterName = clusterName;
        this.members = members;
        this.addresses = addresses;
        this.connection = connection;
    }

    /** Starts {@code members} member JVMs with one task thread each and joins them; returns when all are in. */
    public static LocalCluster start(int members) {
        return builder().members(members).start();
    }

    /** Options: members, task threads per member, JVM options, start timeout. */
    public static Builder builder() {
        return new Builder();
    }

    /** This JVM's connection to the members: pools and primitives start here. */
    public ClusterConnection connection() {
        return connection;
    }

    /** The cluster's name, unique to this cluster. */
    public String clusterName() {
        return clusterName;
    }

    /** The members' addresses, {@code 127.0.0.1:port} each, in start order. */
    public List<String> memberAddresses() {
        return addresses;
    }

    /** The process ids of the member JVMs still running, in start order. */
    public List<Long> memberPids() {
        return members.stream().filter(JvmProcess::isAlive).map(JvmProcess::pid).toList();
    }

    /**
     * Leaves the cluster, shuts every member down and waits until their processes have ended; a member that
     * does not end within 15 s is killed.
     */
    @Override
    public void close() {
        try {
            quiet(members);
            connection.close();
        } finally {
            stop(members);
        }
    }

    @Override
    public String toString() {
        return "LocalCluster[" + clusterName + ", members " + addresses + ", pids " + memberPids() + "]";
    }

    /** Asks every member to stop logging, since all are going: no member then warns that another vanished. */
    private static void quiet(List<JvmProcess<String>> members) {
        List<JvmProcess<String>> asked = new ArrayList<>();
        for (JvmProcess<String> member : members) {
            try {
                member.pipe().send("quiet");
                asked.add(member);
            } catch (RuntimeException e) {
                // it is gone already
            }
        }
        for (JvmProcess<String> member : asked) {
            try {
                member.pipe().receive(QUIET_WAIT);
            } catch (RuntimeException e) {
                // it is gone: nothing to wait for
            }
        }
    }

    private static void stop(List<JvmProcess<String>> members) {
        for (JvmProcess<String> member : members) {
            if (member.isAlive()) {
                try {
                    member.pipe().send("stop");
                } catch (RuntimeException e) {
                    // it is ending already
                }
            }
        }
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (JvmProcess<String> member : members) {
            try {
                member.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                member.kill();
            } catch (InterruptedException e) {
                member.kill();
                Thread.currentThread().interrupt();
            }
            member.close();
        }
    }

    /**
     * Options for a {@link LocalCluster}.
     *
     * <pre>{@code
     * try (var cluster = LocalCluster.builder().members(3).threadsPerMember(2).jvmOptions("-Xmx256m").start()) { ... }
     * }</pre>
     */
    public static final class Builder {
        private int members = 2;
        private int threadsPerMember = 1;
        private List<String> jvmOptions = List.of();
        private Duration startTimeout = Duration.ofSeconds(120);

        private Builder() {
        }

        /** How many member JVMs; 2 by default. */
        public Builder members(int members) {
            if (members < 1 || members > 64) {
                throw new IllegalArgumentException("members must be between 1 and 64, got " + members);
            }
            this.members = members;
            return this;
        }

        /** How many pool tasks each member runs at once; 1 by default. */
        public Builder threadsPerMember(int threads) {
            if (threads < 1 || threads > 1024) {
                throw new IllegalArgumentException("threadsPerMember must be between 1 and 1024, got " + threads);
            }
            this.threadsPerMember = threads;
            return this;
        }

        /** Extra options for the members' java command, e.g. {@code "-Xmx256m"}. */
        public Builder jvmOptions(String... options) {
            this.jvmOptions = List.of(options);
            return this;
        }

        /** How long the members may take to start and form the cluster; 120 s by default. */
        public Builder startTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("start timeout must be positive, got " + timeout);
            }
            this.startTimeout = timeout;
            return this;
        }

        /**
         * Starts the members, waits until each is up, and joins them.
         *
         * @throws IllegalStateException when a member did not start in time or ended; every started member is
         *                               stopped first
         */
        public LocalCluster start() {
            String clusterName = "paralab-" + ProcessHandle.current().pid() + "-" + CLUSTERS.incrementAndGet() + "-"
                    + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
            List<String> addresses = new ArrayList<>();
            try {
                for (int i = 0; i < members; i++) {
                    addresses.add(HOST + ":" + MemberConfig.freePort(HOST));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free port on " + HOST + ": " + e.getMessage(), e);
            }
            List<String> options = new ArrayList<>(MemberConfig.jvmOptions());
            options.addAll(jvmOptions);
            List<JvmProcess<String>> started = new ArrayList<>();
            try {
                // one at a time: each joins a cluster that is settled. Members that start together may each form a
                // cluster of their own, or join half-way, and sort it out only minutes later.
                long deadline = System.nanoTime() + startTimeout.toNanos();
                for (int i = 0; i < members; i++) {
                    started.add(launch(clusterName, i, addresses, options));
                    awaitUp(started.getLast(), deadline);
                }
                ClusterConnection connection = ClusterConnection.builder(clusterName).members(addresses.toArray(String[]::new))
                        .name("connection-" + ProcessHandle.current().pid()).join();
                return new LocalCluster(clusterName, List.copyOf(started), List.copyOf(addresses), connection);
            } catch (RuntimeException e) {
                stop(started);
                throw e;
            }
        }

        private JvmProcess<String> launch(String clusterName, int index, List<String> addresses, List<String> options) {
            HostPort address = HostPort.parse(addresses.get(index));
            ClusterMember.Settings settings = new ClusterMember.Settings(clusterName, "member-" + (index + 1),
                    address.host(), address.port(), addresses, threadsPerMember);
            SerializableFunction<Pipe, String> serve = pipe -> {
                try {
                    return ClusterMember.serve(settings, pipe);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "interrupted";
                }
            };
            return JvmProcess.builder().name("member-" + (index + 1)).jvmOptions(options.toArray(String[]::new))
                    .startTimeout(startTimeout).start(serve);
        }

        private void awaitUp(JvmProcess<String> member, long deadline) {
            Optional<Object> up;
            try {
                up = member.pipe().receive(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (RuntimeException e) {
                up = Optional.empty();
            }
            if (up.isPresent()) {
                return;
            }
            String how;
            if (member.isAlive()) {
                how = "did not start within " + startTimeout.toMillis() + " ms";
            } else {
                try {
                    member.result(Duration.ofSeconds(5));
                    how = "ended before it was up";
                } catch (java.util.concurrent.ExecutionException ex) {
                    how = "failed: " + ex.getCause();
                } catch (InterruptedException | TimeoutException ex) {
                    how = "ended before it was up";
                }
            }
            throw new IllegalStateException("cluster member " + member + " " + how + "; see its stderr above");
        }
    }
}
