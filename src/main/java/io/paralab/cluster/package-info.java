/**
 * Beyond one machine: the process pool's shape and the shared primitives on a Hazelcast 5.7 cluster
 * (Community Edition).
 *
 * <ul>
 *   <li>{@link io.paralab.cluster.LocalCluster} — n member JVMs on 127.0.0.1, for learning; and this JVM's
 *       {@link io.paralab.cluster.ClusterConnection} to them. {@code ClusterConnection.builder(name)} joins members
 *       started on real machines with {@link io.paralab.cluster.ClusterMember}'s {@code main}.</li>
 *   <li>{@link io.paralab.cluster.ClusterPool} — an {@link java.util.concurrent.ExecutorService} with
 *       {@link io.paralab.process.ProcessPool}'s {@code map}, as-completed streams, chunks, timeouts, retries and
 *       observer, whose tasks run on the members.</li>
 *   <li>{@link io.paralab.cluster.ClusterLong}, {@link io.paralab.cluster.ClusterLock},
 *       {@link io.paralab.cluster.ClusterSemaphore}, {@link io.paralab.cluster.ClusterQueue},
 *       {@link io.paralab.cluster.ClusterPnCounter} — named like the {@code shared} ones, each stating its
 *       guarantee: Hazelcast's open-source primitives are availability-first (its linearizable CP Subsystem is
 *       Enterprise-only).</li>
 * </ul>
 *
 * <p>How it works, file by file: {@code MemberConfig} is the Hazelcast configuration of every member (one bound
 * address, no phone-home, multicast or auto-detection, members listed by address); a pool task travels as
 * opaque bytes inside {@code ShippedBatch}, a class every member has, and is unpacked on the member's executor
 * thread by {@code ReceivedPool}'s loader, which asks the submitting JVM ({@code ClassRequest}) for the classes
 * it lacks — {@link io.paralab.process.TaskShipping}, the process pool's class serving, over Hazelcast;
 * {@code ClusterScheduler} decides which member runs which task and what a member's death means;
 * {@code BatchOutcome} carries results back; {@code LongUpdate} is the cluster long's atomic update.
 *
 * <pre>{@code
 * record Point(int x, int y) implements java.io.Serializable {}
 * try (var cluster = LocalCluster.start(2); var pool = ClusterPool.of(cluster.connection())) {
 *     List<Integer> r = pool.map(p -> p.x() * p.y(), List.of(new Point(2, 3), new Point(4, 5)));   // [6, 20]
 * }
 * }</pre>
 */
package io.paralab.cluster;
