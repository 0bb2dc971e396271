package io.paralab.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import io.paralab.process.Pipe;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A data member of a ParaLab cluster: a Hazelcast member configured by ParaLab (see the package's summary of
 * the defaults), with ParaLab's task executor and serializers, so {@link ClusterPool} tasks and the cluster
 * primitives work on it. {@link LocalCluster} starts members on this machine; on real machines, start one
 * per machine with this class's {@code main}, then {@linkplain ClusterConnection#join join} from a notebook:
 *
 * <pre>{@code
 * # on 10.0.0.5 and on 10.0.0.6 (the same jar as the notebook's kernel: target/paralab.jar)
 * java --add-opens java.base/java.lang=ALL-UNNAMED -cp paralab.jar io.paralab.cluster.ClusterMember \
 *      --cluster lab --address 10.0.0.5:5701 --members 10.0.0.5:5701,10.0.0.6:5701 --threads 4
 * }</pre>
 *
 * <p>Options: {@code --cluster NAME} (required; members and connections of one cluster share it),
 * {@code --address HOST:PORT} (the one address this member binds; required), {@code --members A,B,...}
 * (every member's address; required), {@code --threads N} (task threads, default the number of processors),
 * {@code --name NAME} (how errors and timelines name it, default {@code member-HOST:PORT}). It runs until it is
 * stopped (Ctrl-C, SIGTERM), which shuts it down.
 */
public final class ClusterMember {

    private ClusterMember() {
    }

    /** What a member is started with; travels to a member JVM that {@link LocalCluster} starts. */
    record Settings(String clusterName, String name, String host, int port, List<String> members, int threads)
            implements Serializable {
        MemberConfig.Spec spec() {
            return new MemberConfig.Spec(clusterName, name, host, port, members, threads, false);
        }
    }

    public static void main(String[] args) {
        Settings settings;
        try {
            settings = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ClusterMember: " + e.getMessage());
            System.err.println("usage: ClusterMember --cluster NAME --address HOST:PORT --members HOST:PORT,... "
                    + "[--threads N] [--name NAME]");
            System.exit(2);
            return;
        }
        HazelcastInstance member = start(settings);
        System.out.println(settings.name() + " is up at " + settings.host() + ":" + settings.port() + " in cluster "
                + settings.clusterName() + " (" + member.getCluster().getMembers().size() + " members)");
    }

    /** Starts a data member in this JVM, with ParaLab's configuration; what pool tasks print goes to their submitters. */
    static HazelcastInstance start(Settings settings) {
        MemberOutput.install();
        HazelcastInstance member = Hazelcast.newHazelcastInstance(MemberConfig.of(settings.spec()));
        member.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                ReceivedPool.forgetSubmitter(event.getMember().getUuid());
            }
        });
        return member;
    }

    /**
     * A member JVM's task for {@link LocalCluster}: starts the member (logging errors only) and says {@code "up"}
     * through the pipe;
     * on {@code "quiet"} it stops logging (the whole cluster is about to go, so peers vanishing is no news)
     * and answers {@code "quiet"}; on {@code "stop"}, or when the parent is gone, it ends the member.
     */
    static String serve(Settings settings, Pipe pipe) throws InterruptedException {
        MemberConfig.errorsOnly();
        HazelcastInstance member = start(settings);
        CountDownLatch down = new CountDownLatch(1);
        member.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.SHUTDOWN) {
                down.countDown();
            }
        });
        if (!member.getLifecycleService().isRunning()) {
            return "stopped";
        }
        pipe.send("up");
        Thread.ofPlatform().daemon().name("paralab-member-stop").start(() -> {
            try {
                while (pipe.receive() instanceof String order && order.equals("quiet")) {
                    MemberConfig.quiet();
                    pipe.send("quiet");
                }
            } catch (RuntimeException e) {
                // the parent is gone: stop as asked
            }
            member.getLifecycleService().terminate();
        });
        down.await();
        return "stopped";
    }

    static Settings parse(String[] args) {
        String cluster = null;
        String address = null;
        String name = null;
        List<String> members = null;
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--cluster" -> cluster = value;
                case "--address" -> address = value;
                case "--members" -> members = new ArrayList<>(Arrays.asList(value.split(",")));
                case "--name" -> name = value;
                case "--threads" -> {
                    try {
                        threads = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--threads needs a number, got " + value);
                    }
                    if (threads < 1) {
                        throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (cluster == null || address == null || members == null) {
            throw new IllegalArgumentException("--cluster, --address and --members are required");
        }
        HostPort bind = HostPort.parse(address);
        members.forEach(HostPort::parse);
        return new Settings(cluster, name != null ? name : "member-" + address, bind.host(), bind.port(), members, threads);
    }
}
