package io.paralab.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.paralab.process.SerializableCallable;
import io.paralab.process.SerializableFunction;
import io.paralab.process.SerializableRunnable;
import io.paralab.process.TaskFailedException;
import io.paralab.process.TaskShipping;
import io.paralab.process.TaskTimeoutException;
import io.paralab.process.WorkerDiedException;
import io.paralab.threads.CancellationScope;
import io.paralab.threads.ProgressListener;
import io.paralab.threads.TaskObserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * {@link io.paralab.process.ProcessPool}'s shape on a Hazelcast cluster: an {@link ExecutorService} whose
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
 * <p>Unlike {@code ProcessPool}, what a task prints goes to its member's output (for a {@link LocalCluster},
 * under the cell that started the cluster), and task times in an {@linkplain Builder#observer observer} are
 * the members' {@link System#nanoTime()} readings: comparable with this JVM's only on the same machine.
 */
public final class ClusterPool implements ExecutorService {

    private static final AtomicLong POOLS = new AtomicLong();
    /** The class-serving side of every open pool in this JVM, by pool id, for {@link ClassRequest}. */
    private static final Map<Long, TaskShipping> SHIPPING = new ConcurrentHashMap<>();

    private final long id;
    private final String name;
    private final HazelcastInstance hazelcast;
    private final UUID submitter;
    private final TaskShipping shipping = new TaskShipping();
    private final ClusterScheduler scheduler;
    private final AtomicLong nextTaskId = new AtomicLong();
    private final AtomicLong nextFunctionId = new AtomicLong();
    private final CancellationScope.Registration creationScope;

    private ClusterPool(ClusterConnection connection, ClusterScheduler.Settings settings) {
        this.id = POOLS.incrementAndGet();
        this.name = "cluster-pool-" + id;
        this.hazelcast = connection.hazelcast();
        this.submitter = hazelcast.getCluster().getLocalMember().getUuid();
        SHIPPING.put(id, shipping);
        this.scheduler = new ClusterScheduler(name, hazelcast, id, settings, this::forget);
        this.creationScope = CancellationScope.register(this::shutdownNow);
    }

    /** A pool on the connection's cluster with default options (no retries, no timeout). */
    public static ClusterPool of(ClusterConnection connection) {
        return builder(connection).build();
    }

    /** Options: retries, per-task timeout, observer. */
    public static Builder builder(ClusterConnection connection) {
        return new Builder(Objects.requireNonNull(connection, "connection"));
    }

    static TaskShipping shippingOf(long poolId) {
        return SHIPPING.get(poolId);
    }

    /** Tells the members to drop this pool's classes and functions; the pool has terminated. */
    private void forget() {
        SHIPPING.remove(id);
        try {
            if (hazelcast.getLifecycleService().isRunning()) {
                hazelcast.getExecutorService(MemberConfig.CLASS_EXECUTOR).executeOnMembers(new ForgetPool(submitter, id),
                        member -> !member.isLiteMember());
            }
        } catch (RuntimeException e) {
            // members that are gone forget by themselves
        }
    }

    // ---------------------------------------------------------------- map

    /** Applies {@code function} to every item on the members; results in the items' order. */
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> function, Collection<? extends T> items) {
        return map(function, items, 1, null);
    }

    /** Like {@link #map(SerializableFunction, Collection)}, reporting progress as items finish. */
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> function, Collection<? extends T> items,
                              ProgressListener progress) {
        return map(function, items, 1, progress);
    }

    /** Like {@link #map(SerializableFunction, Collection)}, sending items in chunks of {@code chunkSize}. */
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> function, Collection<? extends T> items,
                              int chunkSize) {
        return map(function, items, chunkSize, null);
    }

    /**
     * Applies {@code function} to every item on the members, {@code chunkSize} items per task, and returns the
     * results in the items' order. The function is unpacked once per member, not once per item.
     *
     * @param progress told about finished items; may be null
     * @throws TaskFailedException      when an item failed; its cause is the member's exception (remote stack
     *                                  trace kept), a {@link WorkerDiedException} or a {@link TaskTimeoutException};
     *                                  the items not yet done are cancelled
     * @throws IllegalArgumentException when the function or an item cannot be serialized (naming the culprit),
     *                                  or {@code chunkSize < 1}
     * @throws CancellationException    when the calling thread was interrupted (the interrupt flag is set again)
     */
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> function, Collection<? extends T> items,
                              int chunkSize, ProgressListener progress) {
        List<ClusterFuture<List<R>>> chunks = submitChunks(function, items, chunkSize, progress);
        List<R> results = new ArrayList<>(items.size());
        for (int i = 0; i < chunks.size(); i++) {
            try {
                results.addAll(chunks.get(i).get());
            } catch (ExecutionException | CancellationException e) {
                chunks.forEach(f -> f.cancel(false));
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                throw new TaskFailedException(chunkLabel(i * chunkSize, chunkSize, items.size()) + " failed", cause);
            } catch (InterruptedException e) {
                chunks.forEach(f -> f.cancel(true));
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for map results");
            }
        }
        return results;
    }

    /** Like {@link #mapAsCompleted(SerializableFunction, Collection, int)} with chunks of one item. */
    public <T, R> Stream<R> mapAsCompleted(SerializableFunction<? super T, ? extends R> function,
                                           Collection<? extends T> items) {
        return mapAsCompleted(function, items, 1);
    }

    /**
     * Applies {@code function} to every item on the members and streams the results as they complete, like
     * Python's {@code imap_unordered}. A failed item throws {@link TaskFailedException} from the stream when
     * reached. Closing the stream drops the items not yet sent to a member.
     */
    public <T, R> Stream<R> mapAsCompleted(SerializableFunction<? super T, ? extends R> function,
                                           Collection<? extends T> items, int chunkSize) {
        List<ClusterFuture<List<R>>> chunks = submitChunks(function, items, chunkSize, null);
        BlockingQueue<ClusterFuture<List<R>>> completed = new LinkedBlockingQueue<>();
        chunks.forEach(f -> f.whenComplete((r, e) -> completed.add(f)));
        Iterator<R> iterator = new Iterator<>() {
            private int chunksLeft = chunks.size();
            private Iterator<R> current = List.<R>of().iterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && chunksLeft > 0) {
                    ClusterFuture<List<R>> next;
                    try {
                        next = completed.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        chunks.forEach(f -> f.cancel(true));
                        throw new CancellationException("interrupted while waiting for map results");
                    }
                    chunksLeft--;
                    if (next.isCancelled()) {
                        throw new CancellationException("the map was cancelled");
                    }
                    try {
                        current = next.resultNow().iterator();
                    } catch (IllegalStateException e) {
                        chunks.forEach(f -> f.cancel(false));
                        throw new TaskFailedException("a map item failed", next.exceptionNow());
                    }
                }
                return current.hasNext();
            }

            @Override
            public R next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliterator(iterator, items.size(), Spliterator.SIZED), false)
                .onClose(() -> chunks.forEach(f -> f.cancel(false)));
    }

    private <T, R> List<ClusterFuture<List<R>>> submitChunks(SerializableFunction<? super T, ? extends R> function,
                                                             Collection<? extends T> items, int chunkSize,
                                                             ProgressListener progress) {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(items, "items");
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1, got " + chunkSize);
        }
        scheduler.checkOpen();
        if (items.isEmpty()) {
            return List.of();
        }
        byte[] functionBytes = shipping.packTask(function, "the map function");
        ClassLoader loader = loaderOf(function);
        long functionId = nextFunctionId.incrementAndGet();
        List<? extends T> list = List.copyOf(items);
        List<RemoteTask> tasks = new ArrayList<>();
        List<ClusterFuture<List<R>>> futures = new ArrayList<>();
        AtomicLong done = new AtomicLong();
        long total = list.size();
        for (int start = 0; start < list.size(); start += chunkSize) {
            List<? extends T> chunk = list.subList(start, Math.min(list.size(), start + chunkSize));
            String label = chunkLabel(start, chunkSize, list.size());
            byte[] arguments = shipping.packValues(chunk, label);
            ClusterFuture<List<R>> future = new ClusterFuture<>(scheduler);
            if (progress != null) {
                int size = chunk.size();
                future.whenComplete((r, e) -> progress.progress(done.addAndGet(size), total));
            }
            ShippedBatch.Task shipped = new ShippedBatch.Task(functionId, ShippedBatch.Kind.EACH, functionBytes, arguments);
            tasks.add(newTask(label, shipped, loader, future, () -> chunk.forEach(function::apply)));
            futures.add(future);
        }
        CancellationScope.Registration registration = CancellationScope.register(() -> futures.forEach(f -> f.cancel(true)));
        CompletableFuture.allOf(futures.toArray(CompletableFuture<?>[]::new)).whenComplete((r, e) -> registration.close());
        scheduler.enqueue(tasks);
        return futures;
    }

    private static String chunkLabel(int start, int chunkSize, int size) {
        int end = Math.min(size, start + chunkSize) - 1;
        return end == start ? "item " + start : "items " + start + ".." + end;
    }

    // ---------------------------------------------------------------- ExecutorService

    /** Runs a serializable task on a member. */
    public <T> Future<T> submit(SerializableCallable<T> task) {
        return submitCall(task, task);
    }

    /** Runs a serializable task on a member; the future's value is null. */
    public Future<?> submit(SerializableRunnable task) {
        return submitCall(task, task);
    }

    /**
     * {@inheritDoc} The task must be serializable: a lambda whose target type is a plain {@link Callable} is
     * not (use {@link SerializableCallable}, which {@code pool.submit(() -> ...)} picks by itself).
     *
     * @throws IllegalArgumentException when the task cannot be serialized, naming the culprit
     */
    @Override
    public <T> Future<T> submit(Callable<T> task) {
        return submitCall(task, task);
    }

    /** {@inheritDoc} The task must be serializable. */
    @Override
    public Future<?> submit(Runnable task) {
        return submitCall(task, task);
    }

    /** {@inheritDoc} The task must be serializable; {@code result} stays in this JVM. */
    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        ClusterFuture<T> future = submitCall(task, task);
        future.resultOnSuccess(result);
        return future;
    }

    /** {@inheritDoc} The task must be serializable; if it fails, its exception is printed to {@code System.err}. */
    @Override
    public void execute(Runnable command) {
        submitCall(command, command).whenComplete((r, e) -> {
            if (e != null && !(e instanceof CancellationException)) {
                System.err.println("task failed in " + scheduler.describe() + ": " + e);
                e.printStackTrace();
            }
        });
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        List<Future<T>> futures = submitAll(tasks);
        try {
            for (Future<T> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException | CancellationException e) {
                    // reported through the future
                }
            }
            return futures;
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            throw e;
        }
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        List<Future<T>> futures = submitAll(tasks);
        try {
            for (Future<T> f : futures) {
                try {
                    f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException | CancellationException e) {
                    // reported through the future
                } catch (TimeoutException e) {
                    break;
                }
            }
            return futures;
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return invokeAny(tasks, Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("unreachable: no deadline", e);
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("invokeAny needs at least one task");
        }
        long deadline = System.nanoTime() + Math.min(unit.toNanos(timeout), Long.MAX_VALUE / 2);
        List<Future<T>> futures = submitAll(tasks);
        BlockingQueue<Future<T>> completed = new LinkedBlockingQueue<>();
        futures.forEach(f -> ((ClusterFuture<T>) f).whenComplete((r, e) -> completed.add(f)));
        try {
            ExecutionException last = null;
            for (int i = 0; i < futures.size(); i++) {
                Future<T> f = completed.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (f == null) {
                    throw new TimeoutException("no task finished within " + timeout + " " + unit);
                }
                try {
                    return f.get();
                } catch (ExecutionException e) {
                    last = e;
                } catch (CancellationException e) {
                    last = new ExecutionException(e);
                }
            }
            throw last;
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
    }

    private <T> List<Future<T>> submitAll(Collection<? extends Callable<T>> tasks) {
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        try {
            for (Callable<T> task : tasks) {
                futures.add(submit(task));
            }
        } catch (RuntimeException e) {
            futures.forEach(f -> f.cancel(true));
            throw e;
        }
        return futures;
    }

    private <T> ClusterFuture<T> submitCall(Object task, Object source) {
        Objects.requireNonNull(task, "task");
        scheduler.checkOpen();
        byte[] bytes = shipping.packTask(task, "the task");
        ClusterFuture<T> future = new ClusterFuture<>(scheduler);
        Runnable local = source instanceof Runnable r ? r : () -> {
            try {
                ((Callable<?>) source).call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        ShippedBatch.Task shipped = new ShippedBatch.Task(-1, ShippedBatch.Kind.CALL, bytes, null);
        RemoteTask remote = newTask(null, shipped, loaderOf(task), future, local);
        CancellationScope.Registration registration = CancellationScope.register(() -> future.cancel(true));
        future.whenComplete((r, e) -> registration.close());
        scheduler.enqueue(List.of(remote));
        return future;
    }

    private RemoteTask newTask(String label, ShippedBatch.Task shipped, ClassLoader loader, ClusterFuture<?> future,
                               Runnable local) {
        long taskId = nextTaskId.incrementAndGet();
        RemoteTask task = new RemoteTask(taskId, label != null ? label : "task " + taskId, shipped, loader, future,
                local, scheduler.retries());
        future.attach(task);
        return task;
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

    /**
     * Waits for every submitted task to finish and tells the members to forget this pool; the members keep
     * running. Interrupted while waiting, it cancels the remaining tasks ({@link #shutdownNow()}).
     */
    @Override
    public void close() {
        shutdown();
        boolean interrupted = false;
        while (!isTerminated()) {
            try {
                awaitTermination(1, TimeUnit.DAYS);
            } catch (InterruptedException e) {
                interrupted = true;
                shutdownNow();
            }
        }
        creationScope.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
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
        private int retries;
        private Duration taskTimeout;
        private TaskObserver observer;

        private Builder(ClusterConnection connection) {
            this.connection = connection;
        }

        /** How many more times a task runs when its member left while it may have been running; 0 by default. */
        public Builder retries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("retries must not be negative, got " + retries);
            }
            this.retries = retries;
            return this;
        }

        /**
         * The longest a task (one map chunk) may take from its send to a member; its thread there is then
         * interrupted. With a timeout, a member is sent no more tasks than it has threads. None by default.
         */
        public Builder taskTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("taskTimeout must be positive, got " + timeout);
            }
            this.taskTimeout = timeout;
            return this;
        }

        /** Told which member (and thread) ran which task when, e.g. {@code timeline::record}. */
        public Builder observer(TaskObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /** A pool on the connection's cluster. */
        public ClusterPool build() {
            return new ClusterPool(connection, new ClusterScheduler.Settings(retries, taskTimeout, observer));
        }
    }
}
