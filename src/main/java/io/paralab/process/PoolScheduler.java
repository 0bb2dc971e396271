package io.paralab.process;

import io.paralab.threads.TaskObserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The state machine behind a {@link ProcessPool}: which tasks wait, which worker runs which task, and what
 * happens when a worker dies, a task times out or is cancelled. It sends each task to the least busy
 * worker (keeping a few queued in each so tiny tasks pipeline), replaces dead workers, re-runs tasks a
 * death interrupted (bystanders without using a retry, suspects alone, the culprit while retries last) and
 * fails the rest with an exception saying how the worker died. What happens to each task a lost worker held is decided by
 * {@link TaskFate#decide}, a pure function of the task and of how the worker ended ({@link WorkerEnd}).
 *
 * <p>Locking: one lock, {@link #lock}, guards every mutable field here and the mutable fields of the
 * {@link PoolTask}s and {@link PoolWorker}s this scheduler holds; futures are completed and processes
 * killed outside it. Tasks move through {@link TaskState}; the pool kills a worker for a {@link KillReason}.
 */
final class PoolScheduler {

    /** A pool's fixed settings, from {@link ProcessPool.Builder}. */
    record Settings(int workers, int threadsPerWorker, int retries, Duration taskTimeout, TaskObserver observer,
                    List<String> jvmOptions, Duration startTimeout) {}

    private static final int MAX_REQUEUES = 3;
    private static final int MAX_START_FAILURES = 3;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final String poolName;
    private final int threadsPerWorker;
    private final int retries;
    private final Duration taskTimeout;
    private final TaskObserver observer;
    private final List<String> jvmOptions;
    private final Duration startTimeout;
    private final String classPath;
    private final ClassServer classes = new ClassServer();
    private final ScheduledExecutorService timer;
    private final AtomicInteger nextWorker = new AtomicInteger();
    private final CountDownLatch terminatedLatch = new CountDownLatch(1);

    /** Guards the fields below and the mutable fields of the tasks and workers. */
    private final Object lock = new Object();
    /** Tasks {@link TaskState#QUEUED}, in the order they are to be sent. */
    private final ArrayDeque<PoolTask> pending = new ArrayDeque<>();
    /** Workers connected and not yet ended. */
    private final List<PoolWorker> live = new ArrayList<>();
    /** Replacement workers being started. */
    private int starting;
    /** Replacements that failed to start in a row. */
    private int startFailures;
    /** No new tasks are accepted. */
    private boolean shutdown;
    /** The workers are being closed; the pool terminates when they are gone. */
    private boolean terminating;
    /** Why the pool has no workers and cannot start any; null while it can. */
    private Throwable broken;

    PoolScheduler(String poolName, Settings settings) {
        this.poolName = poolName;
        this.threadsPerWorker = settings.threadsPerWorker();
        this.retries = settings.retries();
        this.taskTimeout = settings.taskTimeout();
        this.observer = settings.observer();
        this.jvmOptions = settings.jvmOptions();
        this.startTimeout = settings.startTimeout();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        this.classPath = ChildJvm.classPathFor(context);
        classes.add(context);
        this.timer = taskTimeout == null ? null : Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name(poolName + "-timeouts").unstarted(r));
        List<PoolWorker> started = new ArrayList<>();
        List<ChildJvm> children = new ArrayList<>();
        try {
            for (int i = 0; i < settings.workers(); i++) {
                children.add(ChildJvm.launch(spec()));
            }
            for (ChildJvm child : children) {
                started.add(connect(child));
            }
        } catch (IOException e) {
            children.forEach(c -> c.kill("was stopped: the pool failed to start"));
            if (timer != null) {
                timer.shutdownNow();
            }
            throw new UncheckedIOException("could not start the pool's workers: " + e.getMessage(), e);
        }
        synchronized (lock) {
            live.addAll(started);
        }
    }

    /** Where children find the classes of submitted tasks. */
    ClassServer classes() {
        return classes;
    }

    /** How many more times a task runs when its worker died under it. */
    int retries() {
        return retries;
    }

    void shutdown() {
        synchronized (lock) {
            shutdown = true;
            checkTerminationLocked();
        }
    }

    /** Cancels every task and kills the workers; returns the tasks not yet sent to a worker. */
    List<PoolTask> shutdownNow() {
        List<PoolTask> notStarted;
        List<PoolTask> inFlight = new ArrayList<>();
        List<PoolWorker> workers;
        synchronized (lock) {
            shutdown = true;
            notStarted = new ArrayList<>(pending);
            pending.clear();
            notStarted.forEach(this::finishedLocked);
            workers = new ArrayList<>(live);
            for (PoolWorker w : workers) {
                inFlight.addAll(w.inFlight.values());
                w.markKilled(KillReason.SHUTDOWN, 0);
            }
        }
        notStarted.forEach(t -> t.future.cancel(false));
        inFlight.forEach(t -> t.future.cancel(false));
        workers.forEach(w -> w.child.kill("was killed by shutdownNow()"));
        return notStarted;
    }

    boolean isShutdown() {
        synchronized (lock) {
            return shutdown;
        }
    }

    boolean isTerminated() {
        return terminatedLatch.getCount() == 0;
    }

    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminatedLatch.await(timeout, unit);
    }

    /** The process ids of the live workers, e.g. to watch them in a notebook. */
    List<Long> workerPids() {
        synchronized (lock) {
            return live.stream().map(w -> w.child.process().pid()).toList();
        }
    }

    String describe() {
        synchronized (lock) {
            return poolName + ", workers=" + live.size() + ", pending=" + pending.size()
                    + (shutdown ? ", shut down" : "");
        }
    }

    // ---------------------------------------------------------------- scheduling

    void checkOpen() {
        synchronized (lock) {
            if (shutdown) {
                throw new RejectedExecutionException(poolName + " is shut down");
            }
            if (broken != null) {
                throw new RejectedExecutionException(poolName + " has no workers: " + broken.getMessage(), broken);
            }
        }
    }

    /** Queues tasks and sends what the workers can take now. */
    void enqueue(List<PoolTask> tasks) {
        synchronized (lock) {
            if (shutdown || broken != null) {
                RejectedExecutionException rejected = new RejectedExecutionException(poolName + " is shut down");
                tasks.forEach(t -> t.fail(rejected));
                throw rejected;
            }
            pending.addAll(tasks);
            dispatchLocked();
        }
    }

    private void dispatchLocked() {
        while (!pending.isEmpty()) {
            PoolTask task = pending.peek();
            if (task.future.isDone()) {
                pending.poll();
                finishedLocked(task);
                continue;
            }
            PoolWorker best = null;
            for (PoolWorker w : live) {
                if (w.canTake(task) && (best == null || w.inFlight.size() < best.inFlight.size())) {
                    best = w;
                }
            }
            if (best == null) {
                return;
            }
            pending.poll();
            if (best.functions.add(task.function.id)) {
                best.send(new Message.DefineFunction(task.function.id, task.function.bytes));
            }
            Message.CellVariables update = best.cellValues.update(task.function.cellValues);
            if (update != null) {
                best.send(update);
            }
            best.inFlight.put(task.id, task);
            task.worker = best;
            task.state = TaskState.SENT;
            best.send(new Message.RunTask(task.id, task.function.id, task.mode, task.arguments));
        }
    }

    /** Counts a task as finished for good: forgets its function in the workers after its last task. */
    private void finishedLocked(PoolTask task) {
        if (task.state == TaskState.DONE) {
            return;
        }
        task.state = TaskState.DONE;
        task.worker = null;
        if (task.timeout != null) {
            task.timeout.cancel(false);
        }
        if (--task.function.outstanding == 0) {
            for (PoolWorker w : live) {
                if (w.functions.remove(task.function.id)) {
                    w.send(new Message.ForgetFunction(task.function.id));
                }
            }
        }
    }

    private void checkTerminationLocked() {
        if (!shutdown || terminating || starting > 0) {
            return;
        }
        pending.removeIf(t -> {
            if (t.future.isDone()) {
                finishedLocked(t);
                return true;
            }
            return false;
        });
        if (!pending.isEmpty()) {
            return;   // still to run: a worker is alive or being started (or the pool broke and failed them)
        }
        for (PoolWorker w : live) {
            if (!w.inFlight.isEmpty()) {
                return;
            }
        }
        terminating = true;
        List<PoolWorker> toStop = new ArrayList<>(live);
        live.clear();
        Thread.ofPlatform().daemon().name(poolName + "-closer").start(() -> {
            toStop.forEach(w -> w.child.close(CLOSE_GRACE));
            if (timer != null) {
                timer.shutdownNow();
            }
            terminatedLatch.countDown();
        });
    }

    /** Called by a task's future when it was cancelled. */
    void cancelled(PoolTask task, boolean interrupt) {
        PoolWorker victim = null;
        synchronized (lock) {
            switch (task.state) {
                case QUEUED -> {
                    dispatchLocked();   // drops it from the queue
                    checkTerminationLocked();
                }
                case SENT -> {
                    if (interrupt) {
                        task.worker.killIfStarted.add(task.id);   // not known to run yet: kill its worker if it starts
                    }
                }
                case RUNNING -> {
                    if (interrupt) {
                        victim = task.worker;
                        victim.markKilled(KillReason.CANCEL, task.id);
                    }
                }
                case DONE -> { }
            }
        }
        if (victim != null) {
            victim.child.kill("was killed by the pool to cancel " + task.label);
        }
    }

    private void timedOut(PoolWorker worker, PoolTask task) {
        synchronized (lock) {
            if (task.worker != worker || task.state != TaskState.RUNNING || task.future.isDone()) {
                return;
            }
            worker.markKilled(KillReason.TIMEOUT, task.id);
        }
        worker.child.kill("was killed by the pool: " + task.label + " ran longer than its timeout of "
                + taskTimeout.toMillis() + " ms");
    }

    // ---------------------------------------------------------------- workers

    private ChildJvm.Spec spec() {
        return new ChildJvm.Spec("worker-" + nextWorker.incrementAndGet(), threadsPerWorker, ChildRole.POOL, jvmOptions,
                classPath);
    }

    private PoolWorker connect(ChildJvm child) throws IOException {
        PoolWorker worker = new PoolWorker(child, threadsPerWorker);
        child.connect(classes, new WorkerListener(worker));
        child.awaitReady(startTimeout);
        return worker;
    }

    private void startReplacementLocked() {
        starting++;
        Thread.ofPlatform().daemon().name(poolName + "-starter").start(() -> {
            PoolWorker worker = null;
            IOException failure = null;
            try {
                worker = connect(ChildJvm.launch(spec()));
            } catch (IOException e) {
                failure = e;
            }
            List<PoolTask> failed = List.of();
            synchronized (lock) {
                starting--;
                if (worker != null) {
                    startFailures = 0;
                    live.add(worker);
                    dispatchLocked();
                } else if (++startFailures < MAX_START_FAILURES) {
                    startReplacementLocked();
                } else if (live.isEmpty() && starting == 0) {
                    broken = failure;
                    failed = new ArrayList<>(pending);
                    pending.clear();
                    failed.forEach(this::finishedLocked);
                }
                checkTerminationLocked();
            }
            for (PoolTask t : failed) {
                t.fail(new RejectedExecutionException(poolName + " could not start a worker: " + failure.getMessage(), failure));
            }
        });
    }

    /**
     * The tasks a worker that died without saying why (SIGKILL, halt, crash) may have been running: those
     * it reported started, and — since it starts tasks in the order sent, on its fixed threads, and its
     * last reports may not have left it — the oldest unfinished ones, one per thread.
     */
    private static Set<PoolTask> possiblyRunning(PoolWorker worker) {
        Set<PoolTask> suspects = new HashSet<>();
        int oldest = 0;
        for (PoolTask task : worker.inFlight.values()) {
            if (!task.future.isDone() && (task.state == TaskState.RUNNING || oldest < worker.threads)) {
                suspects.add(task);
            }
            oldest++;   // a cancelled task may still hold a thread
        }
        return suspects;
    }

    private final class WorkerListener implements ChildJvm.Listener {
        private final PoolWorker worker;

        WorkerListener(PoolWorker worker) {
            this.worker = worker;
        }

        @Override
        public void onMessage(ChildJvm child, Message message) {
            switch (message) {
                case Message.Output m -> printed(m);
                case Message.TaskStarted m -> started(m);
                case Message.TaskDone m -> succeeded(ended(m.taskId(), m.thread(), m.startNanos(), m.endNanos()), m.value());
                case Message.TaskFailed m -> {
                    TaskState before = stateOf(m.taskId());
                    failed(ended(m.taskId(), m.thread(), m.startNanos(), m.endNanos()), m.throwable(), before);
                }
                case Message.Dying m -> {
                    Set<Integer> named = Arrays.stream(m.culprits()).boxed().collect(Collectors.toUnmodifiableSet());
                    synchronized (lock) {
                        worker.namedCulprits = named;
                    }
                }
                default -> { }
            }
        }

        /** Output of a task goes through its submitter's relay; other output prints here (the pool's creator). */
        private void printed(Message.Output m) {
            PoolTask task;
            synchronized (lock) {
                task = worker.inFlight.get(m.taskId());
            }
            if (task != null) {
                task.output.write(m.bytes());
            } else {
                ChildJvm.print(m);
            }
        }

        private void started(Message.TaskStarted m) {
            synchronized (lock) {
                PoolTask task = worker.inFlight.get(m.taskId());
                if (task != null && worker.killIfStarted.contains(task.id)) {
                    worker.markKilled(KillReason.CANCEL, task.id);
                    worker.child.kill("was killed by the pool to cancel " + task.label);
                } else if (task != null) {
                    task.state = TaskState.RUNNING;
                    if (timer != null) {
                        task.timeout = timer.schedule(() -> timedOut(worker, task), taskTimeout.toNanos(), TimeUnit.NANOSECONDS);
                    }
                }
            }
        }

        /** Marks a task the worker answered as done and reports its run; null when the pool no longer holds it. */
        private PoolTask ended(int taskId, int thread, long start, long end) {
            PoolTask task;
            synchronized (lock) {
                task = worker.inFlight.remove(taskId);
                if (task == null) {
                    return null;
                }
                worker.ran(end - start);
                finishedLocked(task);
                dispatchLocked();
                checkTerminationLocked();
            }
            if (observer != null) {
                String lane = threadsPerWorker > 1 ? worker.label() + " thread " + thread : worker.label();
                observer.taskRan(lane, task.label, start, end);
            }
            return task;
        }

        /** The state of a task this worker holds, or null. */
        private TaskState stateOf(int taskId) {
            synchronized (lock) {
                PoolTask task = worker.inFlight.get(taskId);
                return task == null ? null : task.state;
            }
        }

        /** Fails a task the worker answered with a failure; {@code before} is its state before the answer. */
        private void failed(PoolTask task, byte[] throwable, TaskState before) {
            if (task == null) {
                return;
            }
            Throwable cause = ValueCodec.decodeThrowable(throwable, task.function.loader);
            if (before == TaskState.RUNNING) {
                task.fail(cause);
            } else {
                task.failUnstarted(cause, worker.label());
            }
        }

        private void succeeded(PoolTask task, byte[] payload) {
            if (task == null) {
                return;
            }
            ClassLoader loader = task.function.loader;
            try {
                task.complete(task.mode == TaskMode.EACH ? ValueCodec.decodeAll(payload, loader) : ValueCodec.decode(payload, loader));
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                task.fail(new IllegalStateException("cannot decode the result of " + task.label + " from "
                        + worker.label() + ": " + e, e));
            }
        }

        @Override
        public void onExit(ChildJvm child, String howItEnded) {
            List<Runnable> failures = new ArrayList<>();
            synchronized (lock) {
                live.remove(worker);
                WorkerEnd end = worker.killedFor != null
                        ? new WorkerEnd.Killed(worker.name, child.process().pid(), howItEnded, worker.killedFor,
                                worker.killedForTask, taskTimeout)
                        : new WorkerEnd.Died(worker.name, child.process().pid(), howItEnded, worker.namedCulprits);
                Set<PoolTask> maybeRunning = possiblyRunning(worker);
                List<PoolTask> requeue = new ArrayList<>();
                for (PoolTask task : worker.inFlight.values()) {
                    if (task.timeout != null) {
                        task.timeout.cancel(false);
                        task.timeout = null;
                    }
                    Involvement involvement = Involvement.of(task.id, task.placement, maybeRunning.contains(task),
                            maybeRunning.size(), worker.namedCulprits);
                    switch (TaskFate.decide(task.view(involvement), end)) {
                        case TaskFate.Forget forget -> finishedLocked(task);
                        case TaskFate.Requeue again -> {
                            switch (again.count()) {
                                case RETRY -> task.retriesLeft--;
                                case REQUEUE -> task.requeues++;
                                case NOTHING -> { }
                            }
                            task.placement = again.placement();
                            task.state = TaskState.QUEUED;
                            task.worker = null;
                            requeue.add(task);
                        }
                        case TaskFate.Fail fail -> {
                            finishedLocked(task);
                            failures.add(() -> task.fail(fail.exception()));
                        }
                    }
                }
                worker.inFlight.clear();
                for (int i = requeue.size() - 1; i >= 0; i--) {
                    pending.addFirst(requeue.get(i));
                }
                if (!terminating && !(shutdown && pending.isEmpty())) {
                    startReplacementLocked();
                }
                dispatchLocked();
                checkTerminationLocked();
            }
            failures.forEach(Runnable::run);
        }
    }
}
