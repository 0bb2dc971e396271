package io.paralab.cluster;

import com.hazelcast.core.Hazelcast;

import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The caller of {@link ClusterNamespaceTest}, run in its own network namespace: joins the members by address,
 * binding its own address there, runs a map across them and prints one line,
 * {@code RESULT squares=[...] hosts=[...]}, naming the addresses of the members that ran the tasks.
 *
 * <p>Arguments: {@code <cluster name> <own address> <member host:port,...>}.
 */
public final class NamespaceCaller {

    private NamespaceCaller() {
    }

    public static void main(String[] args) {
        try (ClusterConnection connection = ClusterConnection.builder(args[0]).members(args[2].split(","))
                .bindAddress(args[1]).join();
             ClusterPool pool = ClusterPool.of(connection)) {
            List<Integer> squares = pool.map(x -> x * x, IntStream.range(0, 8).boxed().toList());
            TreeSet<String> hosts = new TreeSet<>(pool.map(i -> memberHost(), IntStream.range(0, 40).boxed().toList()));
            System.out.println("RESULT squares=" + squares + " hosts=" + hosts);
        }
    }

    /** On a member: the address it binds. */
    private static String memberHost() {
        return Hazelcast.getAllHazelcastInstances().iterator().next().getCluster().getLocalMember().getAddress().getHost();
    }
}
