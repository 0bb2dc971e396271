package io.paralab.process;

import io.paralab.threads.CancellationScope;
import io.paralab.threads.ProgressListener;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * What every ParaLab pool of other JVMs offers, whatever carries its tasks: the {@link java.util.concurrent.ExecutorService}
 * methods for serializable tasks, {@code map} in the items' order and as completed, chunking, progress, and
 * cancellation with the notebook cell ({@link CancellationScope}) that submitted the work. A subclass only
 * makes and sends tasks ({@link #newShipment}) and runs its life cycle; {@link ProcessPool} sends them to
 * worker JVMs, a cluster pool to the members of a cluster — as {@link AbstractExecutorService} gives every
 * executor its {@code invokeAll} and {@code invokeAny} from {@code execute}.
 *
 * <pre>{@code
 * try (AbstractTaskPool pool = ProcessPool.of(2)) {
 *     List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));          // [1, 4, 9]
 *     Future<Long> pid = pool.submit(() -> ProcessHandle.current().pid());      // another JVM's pid
 * }
 * }</pre>
 *
 * <p>Contract for subclasses: every future a {@link Shipment} makes completes exactly once (with the task's
 * value, its exception, or a {@link CancellationException}); {@link #checkOpen()} throws
 * {@link java.util.concurrent.RejectedExecutionException} once the pool is shut down; and the constructor
 * calls {@link #cancelWithCreatingScope()} last, once the pool works.
 */
public abstract class AbstractTaskPool extends AbstractExecutorService {

    /** The future {@link #newTaskFor} made last on this thread, until {@link #execute} is given it. */
    private final ThreadLocal<PoolFuture<?>> justSubmitted = new ThreadLocal<>();
    private volatile CancellationScope.Registration creationScope;

    /** For subclasses. */
    protected AbstractTaskPool() {
    }

    /**
     * Tasks being submitted together (one task, or every chunk of one {@code map}): the subclass packs them in
     * {@link #add}, the base wires their futures (progress, the cell's cancellation), then {@link #send()}s them.
     */
    protected interface Shipment {
        /**
         * Makes one task: a one-off call when {@code items} is null, else the function applied to each item.
         *
         * @param label how errors and timelines name it ("item 3", "items 0..9"), or null for a one-off call
         * @param local what would run the task in this JVM, for {@link #shutdownNow()}
         * @throws IllegalArgumentException when an item cannot be serialized, naming it
         */
        <V> PoolFuture<V> add(List<?> items, String label, Runnable local);

        /** Sends every task made so far. */
        void send();

        /** Every task of the shipment is done: release what they shared. */
        void done();
    }

    /**
     * A shipment for {@code function}: a task (when {@code items} is null) or a map function applied to the
     * {@code items}, {@code taskCount} tasks in all.
     *
     * @throws IllegalArgumentException when the function, or a cell variable it reads, cannot be serialized,
     *                                  naming the culprit
     */
    protected abstract Shipment newShipment(Object function, List<?> items, int taskCount);

    /** @throws java.util.concurrent.RejectedExecutionException when the pool takes no more tasks */
    protected abstract void checkOpen();

    /** The pool's name and state, for messages. */
    protected abstract String describe();

    /** Registers {@link #shutdownNow()} with the cancellation scope (the notebook cell) that created the pool. */
    protected final void cancelWithCreatingScope() {
        creationScope = CancellationScope.register(this::shutdownNow);
    }

    // ---------------------------------------------------------------- map

    /** Applies {@code function} to every item in the other JVMs; results in the items' order. */
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
     * Applies {@code function} to every item in the other JVMs, {@code chunkSize} items per task, and returns
     * the results in the items' order. The function travels once per JVM, not once per item.
     *
     * @param progress told about finished items; may be null
     * @throws TaskFailedException      when an item failed; its cause is the remote exception (remote stack
     *                                  trace kept), a {@link WorkerDiedException} or a {@link TaskTimeoutException};
     *                                  the items not yet done are cancelled
     * @throws IllegalArgumentException when the function or an item cannot be serialized (naming the culprit),
     *                                  or {@code chunkSize < 1}
     * @throws CancellationException    when the calling thread was interrupted (the interrupt flag is set again)
     */
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> function, Collection<? extends T> items,
                              int chunkSize, ProgressListener progress) {
        List<PoolFuture<List<R>>> chunks = submitChunks(function, items, chunkSize, progress);
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
     * Applies {@code function} to every item in the other JVMs and streams the results as they complete, like
     * Python's {@code imap_unordered}. A failed item throws {@link TaskFailedException} from the stream when
     * reached. Closing the stream drops the items not yet sent.
     */
    public <T, R> Stream<R> mapAsCompleted(SerializableFunction<? super T, ? extends R> function,
                                           Collection<? extends T> items, int chunkSize) {
        List<PoolFuture<List<R>>> chunks = submitChunks(function, items, chunkSize, null);
        BlockingQueue<PoolFuture<List<R>>> completed = new LinkedBlockingQueue<>();
        chunks.forEach(f -> f.whenComplete((r, e) -> completed.add(f)));
        Iterator<R> iterator = new Iterator<>() {
            private int chunksLeft = chunks.size();
            private Iterator<R> current = List.<R>of().iterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && chunksLeft > 0) {
                    PoolFuture<List<R>> next;
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

    private <T, R> List<PoolFuture<List<R>>> submitChunks(SerializableFunction<? super T, ? extends R> function,
                                                          Collection<? extends T> items, int chunkSize,
                                                          ProgressListener progress) {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(items, "items");
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1, got " + chunkSize);
        }
        checkOpen();
        if (items.isEmpty()) {
            return List.of();
        }
        List<? extends T> list = List.copyOf(items);
        int chunkCount = (list.size() + chunkSize - 1) / chunkSize;
        Shipment shipment = newShipment(function, list, chunkCount);
        List<PoolFuture<List<R>>> futures = new ArrayList<>(chunkCount);
        AtomicLong done = new AtomicLong();
        long total = list.size();
        for (int start = 0; start < list.size(); start += chunkSize) {
            List<? extends T> chunk = list.subList(start, Math.min(list.size(), start + chunkSize));
            PoolFuture<List<R>> future = shipment.add(chunk, chunkLabel(start, chunkSize, list.size()),
                    () -> chunk.forEach(function::apply));
            if (progress != null) {
                int size = chunk.size();
                future.whenComplete((r, e) -> progress.progress(done.addAndGet(size), total));
            }
            futures.add(future);
        }
        send(shipment, futures);
        return futures;
    }

    /** Cancels the futures with the current cell, releases the shipment when all are done, and sends it. */
    private static void send(Shipment shipment, List<? extends PoolFuture<?>> futures) {
        CancellationScope.Registration registration = CancellationScope.register(() -> futures.forEach(f -> f.cancel(true)));
        CompletableFuture.allOf(futures.toArray(CompletableFuture<?>[]::new)).whenComplete((r, e) -> {
            registration.close();
            shipment.done();
        });
        shipment.send();
    }

    private static String chunkLabel(int start, int chunkSize, int size) {
        int end = Math.min(size, start + chunkSize) - 1;
        return end == start ? "item " + start : "items " + start + ".." + end;
    }

    // ---------------------------------------------------------------- ExecutorService

    /** Runs a serializable task in another JVM. */
    public <T> Future<T> submit(SerializableCallable<T> task) {
        return submitCall(task);
    }

    /** Runs a serializable task in another JVM; the future's value is null. */
    public Future<?> submit(SerializableRunnable task) {
        return submitCall(task);
    }

    /**
     * {@inheritDoc} The task must be serializable: a lambda whose target type is a plain {@link Callable} is
     * not (use {@link SerializableCallable}, which {@code pool.submit(() -> ...)} picks by itself).
     *
     * @throws IllegalArgumentException when the task cannot be serialized, naming the culprit
     */
    @Override
    public <T> Future<T> submit(Callable<T> task) {
        return submitCall(task);
    }

    /** {@inheritDoc} The task must be serializable. */
    @Override
    public Future<?> submit(Runnable task) {
        return submitCall(task);
    }

    /** {@inheritDoc} The task must be serializable; {@code result} stays in this JVM. */
    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        Call<T> call = newCall(task);
        call.future().resultOnSuccess(result);   // before it is sent: the task may end at once
        return call.send();
    }

    /**
     * {@inheritDoc} The task must be serializable; if it fails, its exception is printed to {@code System.err}.
     * A future made by this pool's {@link #newTaskFor} runs already: given it, nothing more is sent; given a
     * completion service's wrapper of the future {@code newTaskFor} just made on this thread, the wrapper is
     * run when that future completes.
     */
    @Override
    public void execute(Runnable command) {
        PoolFuture<?> submitted = justSubmitted.get();
        justSubmitted.remove();
        if (command instanceof PoolFuture<?> future && future.isOf(this)) {
            return;
        }
        if (submitted != null && !submitted.isCancelled() && command instanceof RunnableFuture<?> wrapper) {
            submitted.whenComplete((r, e) -> wrapper.run());
            return;
        }
        submitCall(command).whenComplete((r, e) -> {
            if (e != null && !(e instanceof CancellationException)) {
                System.err.println("task failed in " + describe() + ": " + e);
                e.printStackTrace();
            }
        });
    }

    /**
     * {@inheritDoc} Here the task is sent at once and the returned future is its pool future:
     * {@link AbstractExecutorService}'s {@code invokeAll} and {@code invokeAny} (and an
     * {@link java.util.concurrent.ExecutorCompletionService} over this pool) then hand it to {@link #execute},
     * which only keeps track of it.
     */
    @Override
    protected final <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        PoolFuture<T> future = submitCall(callable);
        justSubmitted.set(future);
        return future;
    }

    /** {@inheritDoc} As {@link #newTaskFor(Callable)}; {@code value} stays in this JVM. */
    @Override
    protected final <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        Call<T> call = newCall(runnable);
        call.future().resultOnSuccess(value);
        PoolFuture<T> future = call.send();
        justSubmitted.set(future);
        return future;
    }

    private <T> PoolFuture<T> submitCall(Object task) {
        return this.<T>newCall(task).send();
    }

    /** A one-off task made and not yet sent, so its future can be set up first. */
    private record Call<T>(Shipment shipment, PoolFuture<T> future) {
        PoolFuture<T> send() {
            AbstractTaskPool.send(shipment, List.of(future));
            return future;
        }
    }

    private <T> Call<T> newCall(Object task) {
        Objects.requireNonNull(task, "task");
        checkOpen();
        Runnable local = task instanceof Runnable r ? r : () -> {
            try {
                ((Callable<?>) task).call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        Shipment shipment = newShipment(task, null, 1);
        return new Call<>(shipment, shipment.add(null, null, local));
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Waits for every submitted task to finish, then ends the pool as its {@link #shutdown()} says.
     * Interrupted while waiting, it cancels the remaining tasks ({@link #shutdownNow()}).
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
        CancellationScope.Registration registration = creationScope;
        if (registration != null) {
            registration.close();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
