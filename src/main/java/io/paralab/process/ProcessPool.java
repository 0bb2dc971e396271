package io.paralab.process;

import io.paralab.threads.CancellationScope;
import io.paralab.threads.TaskObserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
 * fails with a {@link TaskTimeoutException} and its worker is replaced. Cancelling the future of a running
 * task ({@code cancel(true)}) kills its worker, which is replaced; the other tasks it held run again. Tasks
 * submitted inside a {@link CancellationScope} (a notebook cell) are cancelled with it, and a pool created inside one is shut
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
public final class ProcessPool extends AbstractTaskPool {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final AtomicInteger nextTaskId = new AtomicInteger();
    private final AtomicInteger nextFunctionId = new AtomicInteger();
    private final PoolScheduler scheduler;

    private ProcessPool(PoolScheduler.Settings settings) {
        this.scheduler = new PoolScheduler("pool-" + POOLS.incrementAndGet(), settings);
        cancelWithCreatingScope();
    }

    /** A pool of {@code workers} warm worker JVMs with one task thread each. */
    public static ProcessPool of(int workers) {
        return builder().workers(workers).build();
    }

    /** Options: workers, threads per worker, per-task timeout, retries, observer, JVM options. */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- tasks

    @Override
    protected Shipment newShipment(Object function, List<?> items, int taskCount) {
        String what = items == null ? "the task" : "the map function";
        byte[] bytes = SerializationProbe.serializeOrExplain(function, what);
        PoolTask.FunctionRef ref = new PoolTask.FunctionRef(nextFunctionId.incrementAndGet(), bytes, loaderOf(function),
                CellValues.capture(function, items), taskCount);
        OutputRelay output = new OutputRelay();
        List<PoolTask> tasks = new ArrayList<>(taskCount);
        return new Shipment() {
            @Override
            public <V> PoolFuture<V> add(List<?> chunk, String label, Runnable local) {
                byte[] arguments = chunk == null ? null : SerializationProbe.encodeAllOrExplain(chunk, label);
                PoolFuture<V> future = new PoolFuture<>(ProcessPool.this);
                int id = nextTaskId.incrementAndGet();
                PoolTask task = new PoolTask(id, ref, chunk == null ? TaskMode.CALL : TaskMode.EACH, arguments,
                        label != null ? label : "task " + id, future, local, output, scheduler.retries());
                future.onCancel(interrupt -> scheduler.cancelled(task, interrupt));   // kills a worker running it
                tasks.add(task);
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
    public static final class Builder extends ChildJvmBuilder<Builder> {
        private int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        private int threadsPerWorker = 1;
        private TaskPolicy policy = TaskPolicy.NONE;

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
            policy = policy.withRetries(retries);
            return this;
        }

        /** The longest a task (one map chunk) may run; its worker is then killed and replaced. None by default. */
        public Builder taskTimeout(Duration timeout) {
            policy = policy.withTaskTimeout(timeout);
            return this;
        }

        /** Told which worker (and thread) ran which task when, e.g. {@code timeline::record}. */
        public Builder observer(TaskObserver observer) {
            policy = policy.withObserver(observer);
            return this;
        }

        /** Starts the workers and returns once all are connected. */
        public ProcessPool build() {
            return new ProcessPool(new PoolScheduler.Settings(workers, threadsPerWorker, policy.retries(), policy.taskTimeout(), policy.observer(),
                    jvmOptions, startTimeout));
        }
    }
}
