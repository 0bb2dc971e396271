package io.paralab.process;

import io.paralab.threads.CancellationScope;
import io.paralab.threads.ProgressListener;
import io.paralab.threads.TaskObserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A pool of warm worker JVMs, like Python's {@code multiprocessing.Pool}, as an {@link java.util.concurrent.ExecutorService}.
 * Tasks are serializable lambdas or objects; classes the workers lack — e.g. defined in a notebook cell —
 * are fetched from this JVM on demand, so a cell-defined record and lambda run in the workers as they are:
 *
 * <pre>{@code
 * record Point(int x, int y) implements java.io.Serializable {}
 * try (var pool = ProcessPool.of(2)) {
 *     List<Integer> r = pool.map(p -> p.x() * p.y(), List.of(new Point(2, 3), new Point(4, 5)));   // [6, 20]
 * }
 * }</pre>
 *
 * <p>{@code map} ships its function once per worker and pipelines many small tasks per worker, so tiny
 * tasks cost microseconds. A worker that dies ({@code System.exit}, {@link OutOfMemoryError},
 * {@code kill -9}) is replaced; the task that caused it fails with a {@link WorkerDiedException} naming the
 * worker, its pid and how it died — or is run again when the pool was built with {@linkplain Builder#retries
 * retries} — and every other task completes: tasks that waited in that worker or ran beside the culprit run
 * again without using a retry (when the worker could not say which task caused its end, those that may have
 * been running run again alone, one worker each, so a second death is pinned on its cause). A task over the {@linkplain Builder#taskTimeout timeout}
 * fails with a {@link TaskTimeoutException} and its worker is replaced. Tasks submitted inside a
 * {@link CancellationScope} (a notebook cell) are cancelled with it, and a pool created inside one is shut
 * down now when it is cancelled (its workers are killed), so interrupting the cell that made a pool leaves no
 * worker behind. A task that cannot start in its worker (its function or the cell variables it reads cannot be
 * loaded there) fails its future and {@linkplain CancellationScope#abandonWaits abandons the waits} of its
 * submitter's scope: a producer of that cell blocked on a full {@code SharedQueue} that the task was to drain
 * ends with a {@link io.paralab.threads.WaitAbandonedException} naming the task, instead of waiting forever.
 * {@link #close()} waits for submitted tasks and leaves no process behind.
 *
 * <p>What a task prints to {@code System.out} is printed here by a thread that the submitting thread
 * created, so in a notebook it appears under the cell that submitted the task; what workers print to
 * {@code System.err}, or outside tasks, appears as seen by the thread that created the pool.
 */
public final class ProcessPool extends AbstractExecutorService {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final AtomicInteger nextTaskId = new AtomicInteger();
    /** The future {@link #newTaskFor} made last on this thread, until {@link #execute} is given it. */
    private final ThreadLocal<TaskFuture<?>> justSubmitted = new ThreadLocal<>();
    private final AtomicInteger nextFunctionId = new AtomicInteger();
    private final PoolScheduler scheduler;
    private final CancellationScope.Registration creationScope;

    private ProcessPool(PoolScheduler.Settings settings) {
        this.scheduler = new PoolScheduler("pool-" + POOLS.incrementAndGet(), settings);
        this.creationScope = CancellationScope.register(this::shutdownNow);
    }

    /** A pool of {@code workers} warm worker JVMs with one task thread each. */
    public static ProcessPool of(int workers) {
        return builder().workers(workers).build();
    }

    /** Options: workers, threads per worker, per-task timeout, retries, observer, JVM options. */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- map

    /** Applies {@code function} to every item in the workers; results in the items' order. */
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
     * Applies {@code function} to every item in the workers, {@code chunkSize} items per task, and returns
     * the results in the items' order. The function travels once per worker, not once per item.
     *
     * @param progress told about finished items; may be null
     * @throws TaskFailedException      when an item failed; its cause is the worker's exception (remote stack
     *                                  trace kept), a {@link WorkerDiedException} or a {@link TaskTimeoutException};
     *                                  the items not yet done are cancelled
     * @throws IllegalArgumentException when the function or an item cannot be serialized (naming the culprit),
     *                                  or {@code chunkSize < 1}
     * @throws CancellationException    when the calling thread was interrupted (the interrupt flag is set again)
     */
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> function, Collection<? extends T> items,
                              int chunkSize, ProgressListener progress) {
        List<TaskFuture<List<R>>> chunks = submitChunks(function, items, chunkSize, progress);
        List<R> results = new ArrayList<>(items.size());
        for (int i = 0; i < chunks.size(); i++) {
            try {
                results.addAll(chunks.get(i).get());
            } catch (ExecutionException | CancellationException e) {
                chunks.forEach(f -> f.cancel(false));   // items not sent yet are dropped; sent ones finish unused
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
     * Applies {@code function} to every item in the workers and streams the results as they complete, like
     * Python's {@code imap_unordered}. A failed item throws {@link TaskFailedException} from the stream when
     * reached. Closing the stream drops the items not yet sent to a worker.
     */
    public <T, R> Stream<R> mapAsCompleted(SerializableFunction<? super T, ? extends R> function,
                                           Collection<? extends T> items, int chunkSize) {
        List<TaskFuture<List<R>>> chunks = submitChunks(function, items, chunkSize, null);
        BlockingQueue<TaskFuture<List<R>>> completed = new LinkedBlockingQueue<>();
        chunks.forEach(f -> f.whenComplete((r, e) -> completed.add(f)));
        Iterator<R> iterator = new Iterator<>() {
            private int chunksLeft = chunks.size();
            private Iterator<R> current = List.<R>of().iterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && chunksLeft > 0) {
                    TaskFuture<List<R>> next;
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

    private <T, R> List<TaskFuture<List<R>>> submitChunks(SerializableFunction<? super T, ? extends R> function,
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
        byte[] functionBytes = SerializationProbe.serializeOrExplain(function, "the map function");
        ClassLoader loader = loaderOf(function);
        List<? extends T> list = List.copyOf(items);
        CellValues cellValues = CellValues.capture(function, list);
        int chunkCount = (list.size() + chunkSize - 1) / chunkSize;
        PoolTask.FunctionRef ref = new PoolTask.FunctionRef(nextFunctionId.incrementAndGet(), functionBytes, loader,
                cellValues, chunkCount);
        List<PoolTask> tasks = new ArrayList<>(chunkCount);
        List<TaskFuture<List<R>>> futures = new ArrayList<>(chunkCount);
        AtomicLong done = new AtomicLong();
        long total = list.size();
        OutputRelay output = new OutputRelay();
        for (int start = 0; start < list.size(); start += chunkSize) {
            List<? extends T> chunk = list.subList(start, Math.min(list.size(), start + chunkSize));
            String label = chunkLabel(start, chunkSize, list.size());
            byte[] arguments = SerializationProbe.encodeAllOrExplain(chunk, label);
            TaskFuture<List<R>> future = new TaskFuture<>(scheduler);
            if (progress != null) {
                int size = chunk.size();
                future.whenComplete((r, e) -> progress.progress(done.addAndGet(size), total));
            }
            Runnable local = () -> chunk.forEach(function::apply);
            tasks.add(newTask(ref, TaskMode.EACH, arguments, label, future, local, output));
            futures.add(future);
        }
        CancellationScope.Registration registration = CancellationScope.register(() -> futures.forEach(f -> f.cancel(true)));
        CompletableFuture.allOf(futures.toArray(CompletableFuture<?>[]::new)).whenComplete((r, e) -> {
            registration.close();
            output.close();
        });
        scheduler.enqueue(tasks);
        return futures;
    }

    private static String chunkLabel(int start, int chunkSize, int size) {
        int end = Math.min(size, start + chunkSize) - 1;
        return end == start ? "item " + start : "items " + start + ".." + end;
    }

    // ---------------------------------------------------------------- ExecutorService

    /** Runs a serializable task in a worker. */
    public <T> Future<T> submit(SerializableCallable<T> task) {
        return submitCall(task, task);
    }

    /** Runs a serializable task in a worker; the future's value is null. */
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
        TaskFuture<T> future = submitCall(task, task);
        future.resultOnSuccess(result);
        return future;
    }

    /**
     * {@inheritDoc} The task must be serializable; if it fails, its exception is printed to {@code System.err}.
     * A future made by this pool's {@link #newTaskFor} runs already: given it, nothing more is sent; given a
     * completion service's wrapper of the future {@code newTaskFor} just made on this thread, the wrapper is
     * run when that future completes.
     */
    @Override
    public void execute(Runnable command) {
        TaskFuture<?> submitted = justSubmitted.get();
        justSubmitted.remove();
        if (command instanceof TaskFuture<?> future && future.isOf(scheduler)) {
            return;
        }
        if (submitted != null && !submitted.isCancelled() && command instanceof RunnableFuture<?> wrapper) {
            submitted.whenComplete((r, e) -> wrapper.run());
            return;
        }
        submitCall(command, command).whenComplete((r, e) -> {
            if (e != null && !(e instanceof CancellationException)) {
                System.err.println("task failed in " + scheduler.describe() + ": " + e);
                e.printStackTrace();
            }
        });
    }

    /**
     * {@inheritDoc} Here the task is sent to the workers at once and the returned future is its pool future:
     * {@link AbstractExecutorService}'s {@code invokeAll} and {@code invokeAny} (and an
     * {@link java.util.concurrent.ExecutorCompletionService} over this pool) then hand it to {@link #execute},
     * which only keeps track of it.
     */
    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        TaskFuture<T> future = submitCall(callable, callable);
        justSubmitted.set(future);
        return future;
    }

    /** {@inheritDoc} As {@link #newTaskFor(Callable)}; {@code value} stays in this JVM. */
    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        TaskFuture<T> future = submitCall(runnable, runnable);
        future.resultOnSuccess(value);
        justSubmitted.set(future);
        return future;
    }

    private <T> TaskFuture<T> submitCall(Object task, Object source) {
        Objects.requireNonNull(task, "task");
        scheduler.checkOpen();
        byte[] bytes = SerializationProbe.serializeOrExplain(task, "the task");
        PoolTask.FunctionRef ref = new PoolTask.FunctionRef(nextFunctionId.incrementAndGet(), bytes, loaderOf(task),
                CellValues.capture(task, null), 1);
        TaskFuture<T> future = new TaskFuture<>(scheduler);
        Runnable local = source instanceof Runnable r ? r : () -> {
            try {
                ((Callable<?>) source).call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        OutputRelay output = new OutputRelay();
        PoolTask poolTask = newTask(ref, TaskMode.CALL, null, null, future, local, output);
        CancellationScope.Registration registration = CancellationScope.register(() -> future.cancel(true));
        future.whenComplete((r, e) -> {
            registration.close();
            output.close();
        });
        scheduler.enqueue(List.of(poolTask));
        return future;
    }

    private PoolTask newTask(PoolTask.FunctionRef ref, TaskMode mode, byte[] arguments, String label,
                             TaskFuture<?> future, Runnable local, OutputRelay output) {
        int id = nextTaskId.incrementAndGet();
        PoolTask task = new PoolTask(id, ref, mode, arguments, label != null ? label : "task " + id, future, local,
                output, scheduler.retries());
        future.attach(task);
        return task;
    }

    private ClassLoader loaderOf(Object task) {
        ClassLoader loader = task.getClass().getClassLoader();
        scheduler.classes().add(Thread.currentThread().getContextClassLoader());
        scheduler.classes().add(loader);
        return loader != null ? loader : ClassLoader.getSystemClassLoader();
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public void shutdown() {
        scheduler.shutdown();
    }

    /**
     * Cancels every task and kills the workers: tasks not yet sent to a worker are returned (as runnables
     * that would run them in this JVM); all futures not done are cancelled.
     */
    @Override
    public List<Runnable> shutdownNow() {
        return scheduler.shutdownNow().stream().map(t -> t.local).toList();
    }

    @Override
    public boolean isShutdown() {
        return scheduler.isShutdown();
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
     * Waits for every submitted task to finish, then stops the workers; no worker process is left behind.
     * Interrupted while waiting, it cancels the remaining tasks ({@link #shutdownNow()}).
     */
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

    /** The process ids of the live workers, e.g. to watch them in a notebook. */
    public List<Long> workerPids() {
        return scheduler.workerPids();
    }

    @Override
    public String toString() {
        return "ProcessPool[" + scheduler.describe() + "]";
    }

    /**
     * Options for a {@link ProcessPool}.
     *
     * <pre>{@code
     * try (var pool = ProcessPool.builder().workers(4).threadsPerWorker(2)
     *         .taskTimeout(Duration.ofSeconds(10)).retries(1).observer(timeline::record).build()) { ... }
     * }</pre>
     */
    public static final class Builder {
        private int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        private int threadsPerWorker = 1;
        private int retries;
        private Duration taskTimeout;
        private TaskObserver observer;
        private List<String> jvmOptions = List.of();
        private Duration startTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** How many worker JVMs; the number of available processors by default. */
        public Builder workers(int workers) {
            if (workers < 1 || workers > 1024) {
                throw new IllegalArgumentException("workers must be between 1 and 1024, got " + workers);
            }
            this.workers = workers;
            return this;
        }

        /** How many tasks each worker runs at once, on its own threads; 1 by default. */
        public Builder threadsPerWorker(int threads) {
            if (threads < 1 || threads > 10_000) {
                throw new IllegalArgumentException("threadsPerWorker must be between 1 and 10000, got " + threads);
            }
            this.threadsPerWorker = threads;
            return this;
        }

        /** How many more times a task runs when its worker died under it; 0 by default. */
        public Builder retries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("retries must not be negative, got " + retries);
            }
            this.retries = retries;
            return this;
        }

        /** The longest a task (one map chunk) may run; its worker is then killed and replaced. None by default. */
        public Builder taskTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("taskTimeout must be positive, got " + timeout);
            }
            this.taskTimeout = timeout;
            return this;
        }

        /** Told which worker (and thread) ran which task when, e.g. {@code timeline::record}. */
        public Builder observer(TaskObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /**
         * Extra options for the workers' java command, e.g. {@code "-Xmx256m"}; options that print to stdout
         * ({@code -verbose}, {@code -Xlog} without a file or stderr output) are refused.
         */
        public Builder jvmOptions(String... options) {
            this.jvmOptions = ChildJvm.checkJvmOptions(options);
            return this;
        }

        /** How long a worker may take to start and connect; 30 s by default. */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = ChildJvm.checkStartTimeout(timeout);
            return this;
        }

        /** Starts the workers and returns once all are connected. */
        public ProcessPool build() {
            return new ProcessPool(new PoolScheduler.Settings(workers, threadsPerWorker, retries, taskTimeout, observer,
                    jvmOptions, startTimeout));
        }
    }
}
