package io.paralab.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.paralab.process.AbstractTaskPool;
import io.paralab.process.OutputRelay;
import io.paralab.process.PoolFuture;
import io.paralab.process.TaskPolicy;
import io.paralab.process.TaskShipping;
import io.paralab.process.TaskTimeoutException;
import io.paralab.process.WorkerDiedException;
import io.paralab.threads.CancellationScope;
import io.paralab.threads.TaskObserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link io.paralab.process.ProcessPool}'s shape on a Hazelcast cluster: an {@link java.util.concurrent.ExecutorService} whose
 * tasks run on the cluster's data members. Tasks are serializable lambdas or objects; a lambda or record
 * defined in a notebook cell runs on the members with no setup — the members fetch its classes (and the
 * cell's variables) from this JVM as they need them.
 *
 * <pre>{@code
 * record Point(int x, int y) implements java.io.Serializable {}
 * try (var cluster = LocalCluster.start(2); var pool = ClusterPool.of(cluster.connection())) {
 *     List<Integer> r = pool.map(p -> p.x() * p.y(), List.of(new Point(2, 3), new Point(4, 5)));   // [6, 20]
 * }
 * }</pre>
 *
 * <p>Each task goes to the member with the fewest of this pool's tasks; {@code map} sends its function once
 * per member and keeps a few tasks queued on each, so tiny tasks pipeline. A member that leaves (killed,
 * crashed, cut off) takes no task with it: the tasks it had not started run on the other members, and the
 * ones it may have been running fail with a {@link WorkerDiedException} naming the member, its pid and
 * address — or run again when the pool was built with {@linkplain Builder#retries retries}. A task over the
 * {@linkplain Builder#taskTimeout timeout} fails with a {@link TaskTimeoutException} and its thread on the
 * member is interrupted (a member is never killed for it). Tasks submitted inside a
 * {@link CancellationScope} (a notebook cell) are cancelled with it. {@link #close()} waits for the tasks;
 * the members keep running.
 *
 * <p>As with {@code ProcessPool}, what a task prints to {@code System.out} on its member is printed here by a
 * thread that the submitting thread created, so in a notebook it appears under the cell that submitted the
 * task (before the task's result); what members print to {@code System.err}, or outside tasks, stays in the
 * member's output (for a {@link LocalCluster}, under the cell that started the cluster). Task times in an
 * {@linkplain Builder#observer observer} are the members' {@link System#nanoTime()} readings: comparable with
 * this JVM's only on the same machine.
 */
public final class ClusterPool extends AbstractTaskPool {

    private static final AtomicLong POOL_IDS = new AtomicLong();
    /** How long a closing pool waits for the members to confirm they forgot it. */
    private static final Duration FORGET_WAIT = Duration.ofSeconds(5);
    /** Every open pool in this JVM, by id, for the members' {@link ClassRequest}s and {@link TaskOutput}s. */
    private static final Map<Long, ClusterPool> OPEN = new ConcurrentHashMap<>();

    private final long id;
    private final HazelcastInstance hazelcast;
    private final UUID submitter;
    private final TaskShipping shipping = new TaskShipping();
    /** The output relay of each task not yet done, by task id: a task's output is printed for its submitter. */
    private final Map<Long, OutputRelay> outputs = new ConcurrentHashMap<>();
    private final ClusterScheduler scheduler;
    private final AtomicLong nextTaskId = new AtomicLong();
    private final AtomicLong nextFunctionId = new AtomicLong();
    /** The function id of each stateless task class: the members keep one unpacked instance of it. */
    private final Map<Class<?>, Long> statelessIds = new ConcurrentHashMap<>();

    private ClusterPool(ClusterConnection connection, TaskPolicy settings) {
        this.id = POOL_IDS.incrementAndGet();
        this.hazelcast = connection.hazelcast();
        this.submitter = hazelcast.getCluster().getLocalMember().getUuid();
        OPEN.put(id, this);
        this.scheduler = new ClusterScheduler("cluster-pool-" + id, hazelcast, id, settings, this::forget);
        cancelWithCreatingScope();
    }

    /** A pool on the connection's cluster with default options (no retries, no timeout). */
    public static ClusterPool of(ClusterConnection connection) {
        return builder(connection).build();
    }

    /** Options: retries, per-task timeout, observer. */
    public static Builder builder(ClusterConnection connection) {
        return new Builder(Objects.requireNonNull(connection, "connection"));
    }

    /** The class-serving side of the open pool with this id, or null when it is closed. */
    static TaskShipping shippingOf(long poolId) {
        ClusterPool pool = OPEN.get(poolId);
        return pool == null ? null : pool.shipping;
    }

    /**
     * Prints what a task printed on its member, for the thread that submitted it (in a notebook: under the cell
     * that submitted the task), and returns once it is printed; here, unrouted, when the pool or task is gone.
     */
    static void printFor(long poolId, long taskId, byte[] bytes) {
        ClusterPool pool = OPEN.get(poolId);
        OutputRelay relay = pool == null ? null : pool.outputs.get(taskId);
        if (relay != null) {
            relay.write(bytes);
        } else {
            System.out.write(bytes, 0, bytes.length);
            System.out.flush();
        }
    }

    /**
     * Tells the members to drop this pool's classes and functions, and waits (at most {@link #FORGET_WAIT}) until
     * they answered: the pool has terminated, and its connection may close next, which must not find these calls
     * under way (Hazelcast would warn that their answers completed twice).
     */
    private void forget() {
        OPEN.remove(id);
        try {
            if (hazelcast.getLifecycleService().isRunning()) {
                long deadline = System.nanoTime() + FORGET_WAIT.toNanos();
                for (Future<?> answer : hazelcast.getExecutorService(MemberConfig.CLASS_EXECUTOR)
                        .submitToMembers(new ForgetPool(submitter, id), member -> !member.isLiteMember())
                        .values()) {
                    answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
            }
        } catch (RuntimeException | ExecutionException | TimeoutException e) {
            // members that are gone, or slow, forget by themselves when this connection leaves
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- tasks

    @Override
    protected Shipment newShipment(Object function, List<?> items, int taskCount) {
        byte[] bytes = shipping.packTask(function, items == null ? "the task" : "the map function");
        ClassLoader loader = loaderOf(function);
        long functionId = items != null ? nextFunctionId.incrementAndGet()
                : TaskShipping.isStateless(function) ? statelessIds.computeIfAbsent(function.getClass(), c -> nextFunctionId.incrementAndGet())
                : -1;
        ShippedBatch.Kind kind = items == null ? ShippedBatch.Kind.CALL : ShippedBatch.Kind.EACH;
        OutputRelay output = new OutputRelay();
        List<RemoteTask> tasks = new ArrayList<>(taskCount);
        return new Shipment() {
            @Override
            public <V> PoolFuture<V> add(List<?> chunk, String label, Runnable local) {
                byte[] arguments = chunk == null ? null : shipping.packValues(chunk, label);
                ClusterFuture<V> future = new ClusterFuture<>(ClusterPool.this);
                long taskId = nextTaskId.incrementAndGet();
                RemoteTask task = new RemoteTask(taskId, label != null ? label : "task " + taskId,
                        new ShippedBatch.Task(taskId, functionId, kind, bytes, arguments), loader, future, local,
                        scheduler.retries());
                future.attach(task, scheduler);
                tasks.add(task);
                outputs.put(taskId, output);
                future.whenComplete((r, e) -> outputs.remove(taskId));
                return future;
            }

            @Override
            public void send() {
                scheduler.enqueue(tasks);
            }

            @Override
            public void done() {
                output.close();
            }
        };
    }

    @Override
    protected void checkOpen() {
        scheduler.checkOpen();
    }

    @Override
    protected String describe() {
        return scheduler.describe();
    }

    private static ClassLoader loaderOf(Object task) {
        ClassLoader loader = task.getClass().getClassLoader();
        return loader != null ? loader : ClassLoader.getSystemClassLoader();
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public void shutdown() {
        scheduler.shutdown();
    }

    /**
     * Cancels every task (interrupting the running ones on their members): tasks not yet sent to a member are
     * returned, as runnables that would run them in this JVM.
     */
    @Override
    public List<Runnable> shutdownNow() {
        return scheduler.shutdownNow().stream().map(t -> t.local).toList();
    }

    @Override
    public boolean isShutdown() {
        return scheduler.state() != ClusterScheduler.State.OPEN;
    }

    @Override
    public boolean isTerminated() {
        return scheduler.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return scheduler.awaitTermination(timeout, unit);
    }

    @Override
    public String toString() {
        return "ClusterPool[" + scheduler.describe() + "]";
    }

    /**
     * Options for a {@link ClusterPool}.
     *
     * <pre>{@code
     * try (var pool = ClusterPool.builder(connection).retries(1).taskTimeout(Duration.ofSeconds(10))
     *         .observer(timeline::record).build()) { ... }
     * }</pre>
     */
    public static final class Builder {
        private final ClusterConnection connection;
        private TaskPolicy policy = TaskPolicy.NONE;

        private Builder(ClusterConnection connection) {
            this.connection = connection;
        }

        /** How many more times a task runs when its member left while it may have been running; 0 by default. */
        public Builder retries(int retries) {
            policy = policy.withRetries(retries);
            return this;
        }

        /**
         * The longest a task (one map chunk) may take from its send to a member; its thread there is then
         * interrupted. With a timeout, a member is sent no more tasks than it has threads. None by default.
         */
        public Builder taskTimeout(Duration timeout) {
            policy = policy.withTaskTimeout(timeout);
            return this;
        }

        /** Told which member (and thread) ran which task when, e.g. {@code timeline::record}. */
        public Builder observer(TaskObserver observer) {
            policy = policy.withObserver(observer);
            return this;
        }

        /** A pool on the connection's cluster. */
        public ClusterPool build() {
            return new ClusterPool(connection, policy);
        }
    }
}
