package io.paralab.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Hazelcast configuration of every ParaLab member, data member or lite member alike, built in code: it
 * overrides Hazelcast's defaults that do not suit a learner's machine. It binds only the address it is
 * given (loopback for a local cluster: {@code hazelcast.socket.bind.any=false} and that one interface),
 * never phones home, never multicasts, never auto-detects a cloud, joins the members listed one by one
 * over TCP, and joins at once instead of waiting 5 s. Hazelcast logs warnings and errors only.
 *
 * <p>The settings that must match on every member live here too: the executors' names, the member
 * attributes that name a member, and ParaLab's serializers.
 */
final class MemberConfig {

    /** The executor that runs pool tasks on data members. */
    static final String TASK_EXECUTOR = "paralab-tasks";
    /** The executor that answers class requests on the member that submitted a task. */
    static final String CLASS_EXECUTOR = "paralab-classes";
    /** Member attribute: the member's process id. */
    static final String PID = "paralab.pid";
    /** Member attribute: the member's name, e.g. {@code "member-2"}. */
    static final String NAME = "paralab.name";
    /** Member attribute: how many task threads the member runs. */
    static final String THREADS = "paralab.threads";

    private static final int CLASS_THREADS = 4;
    /** Hazelcast's own logging, kept at warnings; held so the setting is not garbage-collected. */
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");
    /**
     * Hazelcast warns when the JVM lacks {@code --add-opens} for some JDK packages; it works without them
     * (slower paths only). Members started here get the options ({@link #jvmOptions()}); a notebook's JVM,
     * started long before, cannot, so that one warning stays quiet.
     */
    private static final Logger MODULE_ACCESS_LOG = Logger.getLogger("com.hazelcast.instance.impl.HazelcastInstanceFactory");

    /** What one member is: names, the address it binds, whom it joins, how many task threads. */
    record Spec(String clusterName, String memberName, String host, int port, List<String> members,
                int taskThreads, boolean lite) {}

    private MemberConfig() {
    }

    static Config of(Spec spec) {
        if (HAZELCAST_LOG.getLevel() == null) {
            HAZELCAST_LOG.setLevel(Level.WARNING);
        }
        MODULE_ACCESS_LOG.setLevel(Level.SEVERE);
        Config config = new Config();
        config.setClusterName(spec.clusterName());
        config.setInstanceName(spec.clusterName() + "-" + spec.memberName());
        config.setLiteMember(spec.lite());
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.max.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.shutdownhook.policy", "TERMINATE");
        config.setProperty("hazelcast.graceful.shutdown.max.wait", "10");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "30");
        config.setProperty("hazelcast.jmx", "false");
        config.setProperty("hazelcast.partition.count", "71");
        config.setProperty("hazelcast.io.thread.count", "1");
        config.setProperty("hazelcast.event.thread.count", "2");
        config.setProperty("hazelcast.operation.generic.thread.count", "2");
        // answers are handled on the I/O thread that reads them, not handed to a response thread: one hop less per
        // call; what waits on them (a pool's bookkeeping, a user's callbacks) runs on threads of its own
        config.setProperty("hazelcast.operation.response.thread.count", "0");
        config.setProperty("hazelcast.health.monitoring.level", "OFF");
        config.getJetConfig().setEnabled(false);
        config.getMemberAttributeConfig().setAttribute(PID, Long.toString(ProcessHandle.current().pid()));
        config.getMemberAttributeConfig().setAttribute(NAME, spec.memberName());
        config.getMemberAttributeConfig().setAttribute(THREADS, Integer.toString(spec.taskThreads()));
        config.addExecutorConfig(new ExecutorConfig(TASK_EXECUTOR).setPoolSize(Math.max(1, spec.taskThreads()))
                .setStatisticsEnabled(false));
        config.addExecutorConfig(new ExecutorConfig(CLASS_EXECUTOR).setPoolSize(CLASS_THREADS).setStatisticsEnabled(false));
        config.getSerializationConfig().addDataSerializableFactory(ClusterSerialization.FACTORY_ID, new ClusterSerialization());

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(spec.port()).setPortAutoIncrement(false).setReuseAddress(true);
        network.getInterfaces().setEnabled(true).clear().addInterface(spec.host());
        network.getRestApiConfig().setEnabled(false);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2).setMembers(new ArrayList<>(spec.members()));
        return config;
    }

    /** Stops Hazelcast's logging in this JVM, for a member whose whole cluster is being shut down. */
    static void quiet() {
        HAZELCAST_LOG.setLevel(Level.OFF);
    }

    /**
     * Keeps only Hazelcast's errors in this JVM: for a member of a {@link LocalCluster}, whose peers' deaths (a
     * lesson's kill -9) reach the notebook as the pool's exceptions, not as pages of connection warnings.
     */
    static void errorsOnly() {
        HAZELCAST_LOG.setLevel(Level.SEVERE);
    }

    /** A port free on {@code host} right now (the OS picks it), for a member about to bind it. */
    static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return socket.getLocalPort();
        }
    }

    /**
     * The options a member JVM needs so Hazelcast neither warns nor falls back to slow paths: the JDK
     * packages it reflects on, and {@link HazelcastJvm#options}.
     */
    static List<String> jvmOptions() {
        List<String> options = new ArrayList<>(List.of(
                "--add-modules", "java.se",
                "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens", "java.management/sun.management=ALL-UNNAMED",
                "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED"));
        options.addAll(HazelcastJvm.options(Runtime.version().feature()));
        return options;
    }
}
