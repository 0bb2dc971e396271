package io.paralab.threads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs tasks on threads of their own and joins them together: one thread per {@link #fork(Callable)}, one
 * {@link #join(Duration)} for all, every failure reported. Works on JDK 21; the shape follows JDK 25's
 * {@code StructuredTaskScope} (fork, join, close) without needing it.
 *
 * <p>Two policies:
 * <ul>
 *   <li>{@link #collectAll(ThreadFactory)}: every task runs to its end; {@code join} throws a
 *       {@link ThreadsFailedException} holding every failure.</li>
 *   <li>{@link #cancelOnFailure(ThreadFactory)}: the first failure cancels (interrupts) the tasks still
 *       running; {@code join} throws a {@link ThreadsFailedException} with that failure (and any other task
 *       that failed before the cancellation).</li>
 * </ul>
 *
 * <p>Each forked thread registers with the {@link CancellationScope} current in the forking thread, so a
 * kernel interrupt cancels it. A {@link TaskObserver} given with {@link #observedBy(TaskObserver)} is told
 * when each task ran, on which thread (its name is the worker) and with its fork index as label; every
 * observer call has happened when {@code join} returns.
 *
 * <p>Cancelling a task means {@link Future#cancel(boolean) cancel(true)} on its future: its thread is
 * interrupted and its future reports {@link CancellationException}. A cancelled task is not a failure.
 *
 * <p>Thread-safe: {@code fork}, {@code cancel} and {@code close} may be called from any thread, {@code join}
 * once. {@link #close()} cancels what still runs and waits for those threads to end, so no task of a closed
 * scope is still running.
 *
 * <pre>{@code
 * try (var scope = ThreadScope.<String>cancelOnFailure(new NamedThreadFactory(ThreadKind.VIRTUAL, "fetch-"))) {
 *     Future<String> user = scope.fork(() -> fetch("/user"));
 *     Future<String> order = scope.fork(() -> fetch("/order"));
 *     scope.join(Duration.ofSeconds(5));          // ThreadsFailedException if a fetch failed
 *     System.out.println(user.resultNow() + order.resultNow());
 * }
 * }</pre>
 *
 * @param <T> what the tasks return
 */
public final class ThreadScope<T> implements AutoCloseable {

    private enum Policy { COLLECT_ALL, CANCEL_ON_FAILURE }

    private enum State { OPEN, JOINED, CLOSED }

    private final ThreadFactory factory;
    private final Policy policy;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition taskEnded = lock.newCondition();
    private final List<FutureTask<T>> futures = new ArrayList<>();
    private final Map<Integer, Throwable> failures = new TreeMap<>();
    private TaskObserver observer;
    private State state = State.OPEN;
    private boolean cancelled;
    private int running;

    private ThreadScope(ThreadFactory factory, Policy policy) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.policy = policy;
    }

    /**
     * A scope whose tasks all run to their end; {@code join} reports every failure.
     *
     * @param factory makes the thread of each task, e.g. a {@link NamedThreadFactory}
     * @param <T>     what the tasks return
     * @return an open scope with no tasks
     * @throws NullPointerException when {@code factory} is null
     */
    public static <T> ThreadScope<T> collectAll(ThreadFactory factory) {
        return new ThreadScope<>(factory, Policy.COLLECT_ALL);
    }

    /**
     * A scope whose first failing task cancels the others.
     *
     * @param factory makes the thread of each task, e.g. a {@link NamedThreadFactory}
     * @param <T>     what the tasks return
     * @return an open scope with no tasks
     * @throws NullPointerException when {@code factory} is null
     */
    public static <T> ThreadScope<T> cancelOnFailure(ThreadFactory factory) {
        return new ThreadScope<>(factory, Policy.CANCEL_ON_FAILURE);
    }

    /**
     * Tells {@code observer} when each task forked from now on ran. Tasks forked before keep the observer
     * they were forked with.
     *
     * @param observer told once per task, from the task's thread, after the task ended
     * @return this scope
     */
    public ThreadScope<T> observedBy(TaskObserver observer) {
        Objects.requireNonNull(observer, "observer");
        lock.lock();
        try {
            this.observer = observer;
        } finally {
            lock.unlock();
        }
        return this;
    }

    /**
     * Starts {@code task} on a new thread. When the scope was cancelled already the task does not run and
     * its future is cancelled.
     *
     * @param task what the new thread runs
     * @return the task's future; its index for failures and observers is the number of earlier forks
     * @throws IllegalStateException after {@code join} or {@code close}, or when the factory made no thread;
     *                               the task does not run
     * @throws NullPointerException  when {@code task} is null
     */
    public Future<T> fork(Callable<? extends T> task) {
        Objects.requireNonNull(task, "task");
        FutureTask<T> future = new FutureTask<>(task::call);
        lock.lock();
        try {
            if (state != State.OPEN) {
                throw new IllegalStateException("fork after " + (state == State.JOINED ? "join" : "close"));
            }
            int index = futures.size();
            if (cancelled) {
                future.cancel(false);
                futures.add(future);
                return future;
            }
            Runner runner = new Runner(index, future, observer);
            Thread thread = factory.newThread(runner);
            if (thread == null) {
                throw new IllegalStateException("the thread factory " + factory + " made no thread");
            }
            runner.registration = CancellationScope.register(() -> future.cancel(true));
            try {
                thread.start();
            } catch (RuntimeException | Error e) {   // e.g. no memory for another platform thread
                runner.registration.close();
                throw e;
            }
            futures.add(future);
            running++;
            return future;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every forked task ended, or until {@code timeout} passed. A zero or negative timeout does
     * not wait: tasks still running are cancelled at once.
     *
     * @param timeout how long to wait at most; more than 292 years counts as no limit
     * @return the tasks' results in fork order
     * @throws ThreadsFailedException when tasks failed: every failure (see the class comment for the policies)
     * @throws TimeoutException       when tasks still ran after {@code timeout}; they are cancelled
     * @throws InterruptedException   when the waiting thread was interrupted; the tasks are cancelled
     * @throws CancellationException  when the scope or a task's future was cancelled before all ended
     * @throws IllegalStateException  on a second {@code join}, or after {@code close}
     * @throws NullPointerException   when {@code timeout} is null
     */
    public List<T> join(Duration timeout) throws InterruptedException, ThreadsFailedException, TimeoutException {
        long remaining = TimeUnit.NANOSECONDS.convert(Objects.requireNonNull(timeout, "timeout"));   // saturates
        lock.lock();
        try {
            if (state != State.OPEN) {
                throw new IllegalStateException("join after " + (state == State.JOINED ? "join" : "close"));
            }
            state = State.JOINED;
            try {
                while (running > 0) {
                    if (remaining <= 0) {
                        int stillRunning = running;
                        cancelLocked();
                        throw new TimeoutException(stillRunning + " of " + futures.size()
                                + " tasks still ran after " + timeout + "; cancelled them");
                    }
                    remaining = taskEnded.awaitNanos(remaining);
                }
            } catch (InterruptedException e) {
                cancelLocked();
                throw e;
            }
            if (!failures.isEmpty()) {
                throw new ThreadsFailedException(failures, futures.size());
            }
            if (cancelled || futures.stream().anyMatch(Future::isCancelled)) {
                throw new CancellationException("the scope was cancelled before its tasks ended");
            }
            List<T> results = new ArrayList<>(futures.size());
            futures.forEach(f -> results.add(f.resultNow()));
            return results;
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@link #join(Duration)} without a time limit.
     *
     * @return the tasks' results in fork order
     * @throws ThreadsFailedException when tasks failed: every failure (see the class comment for the policies)
     * @throws InterruptedException   when the waiting thread was interrupted; the tasks are cancelled
     * @throws CancellationException  when the scope or a task's future was cancelled before all ended
     * @throws IllegalStateException  on a second {@code join}, or after {@code close}
     */
    public List<T> join() throws InterruptedException, ThreadsFailedException {
        try {
            return join(Duration.ofNanos(Long.MAX_VALUE));
        } catch (TimeoutException e) {
            throw new AssertionError("no time limit, yet timed out", e);
        }
    }

    /** Cancels every task still running and every later fork. Idempotent. */
    public void cancel() {
        lock.lock();
        try {
            cancelLocked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Cancels the tasks still running and waits until their threads ended. When interrupted while waiting,
     * stops waiting and keeps the interrupt status. Idempotent.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            state = State.CLOSED;
            cancelLocked();
            while (running > 0) {
                taskEnded.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void cancelLocked() {
        cancelled = true;
        futures.forEach(f -> f.cancel(true));
    }

    private void ended(int index, FutureTask<T> future) {
        lock.lock();
        try {
            running--;
            if (future.state() == Future.State.FAILED && !cancelled) {
                failures.put(index, future.exceptionNow());
                if (policy == Policy.CANCEL_ON_FAILURE) {
                    cancelLocked();
                }
            }
            taskEnded.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private final class Runner implements Runnable {
        private final int index;
        private final FutureTask<T> future;
        private final TaskObserver observer;
        private CancellationScope.Registration registration;   // set before the thread starts

        Runner(int index, FutureTask<T> future, TaskObserver observer) {
            this.index = index;
            this.future = future;
            this.observer = observer;
        }

        @Override
        public void run() {
            long start = System.nanoTime();
            try {
                future.run();
            } finally {
                long end = System.nanoTime();
                registration.close();
                try {
                    if (observer != null) {
                        observer.taskRan(workerName(), String.valueOf(index), start, end);
                    }
                } finally {
                    ended(index, future);
                }
            }
        }

        private static String workerName() {
            Thread thread = Thread.currentThread();
            return thread.getName().isEmpty() ? thread.toString() : thread.getName();
        }
    }
}
