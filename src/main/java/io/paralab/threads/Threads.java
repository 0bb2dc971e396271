package io.paralab.threads;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

/**
 * One-call forms of {@link ThreadScope}: start one thread per task, join them all, get every result or
 * every failure. Threads are named {@code "task-n"}; they register with the current
 * {@link CancellationScope}. Each call blocks until every task it started has ended, so none outlives it.
 *
 * <pre>{@code
 * List<Callable<Integer>> downloads = IntStream.range(0, 50)
 *         .mapToObj(i -> (Callable<Integer>) () -> download(i))
 *         .toList();
 * List<Integer> sizes = Threads.runAll(downloads, ThreadKind.VIRTUAL, Duration.ofSeconds(10));
 * }</pre>
 */
public final class Threads {

    private Threads() {
    }

    /**
     * Runs every task on a thread of its own, waits for all, and reports each to {@code observer}.
     *
     * @param tasks    what to run, one thread each
     * @param kind     platform or virtual threads
     * @param observer told when each task ran, with its thread's name and its index
     * @param <T>      what the tasks return
     * @return the results in task order
     * @throws ThreadsFailedException with every failure, after all tasks ended
     * @throws InterruptedException   when interrupted while waiting; the tasks are cancelled and have ended
     */
    public static <T> List<T> runAll(List<? extends Callable<? extends T>> tasks, ThreadKind kind, TaskObserver observer)
            throws InterruptedException, ThreadsFailedException {
        try (ThreadScope<T> scope = ThreadScope.<T>collectAll(factory(kind)).observedBy(observer)) {
            tasks.forEach(scope::fork);
            return scope.join();
        }
    }

    /**
     * Runs every task on a thread of its own and waits for all, at most {@code timeout}.
     *
     * @param tasks   what to run, one thread each
     * @param kind    platform or virtual threads
     * @param timeout how long to wait at most for all of them
     * @param <T>     what the tasks return
     * @return the results in task order
     * @throws ThreadsFailedException with every failure, after all tasks ended
     * @throws TimeoutException       when tasks still ran after {@code timeout}; they are cancelled and have ended
     * @throws InterruptedException   when interrupted while waiting; the tasks are cancelled and have ended
     */
    public static <T> List<T> runAll(List<? extends Callable<? extends T>> tasks, ThreadKind kind, Duration timeout)
            throws InterruptedException, ThreadsFailedException, TimeoutException {
        try (ThreadScope<T> scope = ThreadScope.collectAll(factory(kind))) {
            tasks.forEach(scope::fork);
            return scope.join(timeout);
        }
    }

    /**
     * Runs every task on a thread of its own; the first failure cancels the others. Waits at most
     * {@code timeout}.
     *
     * @param tasks   what to run, one thread each
     * @param kind    platform or virtual threads
     * @param timeout how long to wait at most for all of them
     * @param <T>     what the tasks return
     * @return the results in task order, when all succeeded
     * @throws ThreadsFailedException with the first failure (and any other that came before the cancellation)
     * @throws TimeoutException       when tasks still ran after {@code timeout}; they are cancelled and have ended
     * @throws InterruptedException   when interrupted while waiting; the tasks are cancelled and have ended
     */
    public static <T> List<T> runAllOrCancel(List<? extends Callable<? extends T>> tasks, ThreadKind kind,
                                             Duration timeout)
            throws InterruptedException, ThreadsFailedException, TimeoutException {
        try (ThreadScope<T> scope = ThreadScope.cancelOnFailure(factory(kind))) {
            tasks.forEach(scope::fork);
            return scope.join(timeout);
        }
    }

    private static NamedThreadFactory factory(ThreadKind kind) {
        return new NamedThreadFactory(kind, "task-");
    }
}
