package io.paralab.threads;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A group of running things — threads, child processes, pools — that are cancelled together.
 *
 * <p>A scope is bound to the thread that {@linkplain #enter() enters} it and is inherited by every thread
 * that thread starts (it lives in an {@link InheritableThreadLocal}, so virtual threads inherit it too).
 * Helpers that start work register a canceller with the {@linkplain #current() current} scope and
 * deregister it when the work ends normally. Whoever owns the scope — the ParaLab kernel owns one per
 * notebook cell and cancels it on interrupt — calls {@link #cancel()} to stop everything still registered.
 *
 * <p>Outside a scope, {@link #register(Runnable)} does nothing, so library code works the same in a
 * plain Java program. A scope is thread-safe: work registers from any thread while another cancels it.
 *
 * <pre>{@code
 * CancellationScope scope = new CancellationScope("cell 7");
 * try (CancellationScope.Binding ignored = scope.enter()) {
 *     Thread worker = Thread.ofVirtual().start(() -> { ... });
 *     try (CancellationScope.Registration r = CancellationScope.register(worker::interrupt)) {
 *         worker.join();
 *     }
 * }
 * scope.cancel();   // e.g. from another thread, on interrupt
 * }</pre>
 */
public final class CancellationScope {

    private static final InheritableThreadLocal<CancellationScope> CURRENT = new InheritableThreadLocal<>();

    private final String name;
    private final Set<Registration> registrations = new LinkedHashSet<>();
    private boolean cancelled;
    /** Why waits in this scope are given up, once work they may depend on failed for good; null until then. */
    private volatile Throwable waitsAbandonedBy;

    /**
     * Creates a scope that is not yet bound to any thread.
     *
     * @param name what the scope stands for, e.g. {@code "cell 7"}; shown in messages
     * @throws NullPointerException when {@code name} is null
     */
    public CancellationScope(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * The scope of the calling thread.
     *
     * @return the scope bound to this thread or inherited from the thread that started it; empty outside any
     */
    public static Optional<CancellationScope> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * Registers a canceller with the calling thread's scope. The canceller runs at most once, when the
     * scope is cancelled while the registration is open. When the scope was cancelled already, the
     * canceller runs at once, on the calling thread.
     *
     * @param canceller stops the work, e.g. {@code thread::interrupt} or {@code process::destroyForcibly}
     * @return a registration to close when the work ended normally; a no-op outside any scope
     */
    public static Registration register(Runnable canceller) {
        CancellationScope scope = CURRENT.get();
        return scope == null ? new Registration(null, canceller) : scope.add(canceller);
    }

    /**
     * Binds this scope to the calling thread until the returned binding is closed; threads started
     * meanwhile inherit it. Bindings nest: closing one restores the scope that was bound before.
     *
     * @return the binding; close it on the same thread, in try-with-resources
     */
    public Binding enter() {
        CancellationScope previous = CURRENT.get();
        CURRENT.set(this);
        return () -> CURRENT.set(previous);
    }

    /**
     * Records that work started in this scope failed for good before it ran (a pool task that could not start), so
     * that a wait in this scope that only that work could have ended does not last forever: from now on, waits that
     * call {@link #checkWaitsAbandoned()} — those of the {@code shared} primitives, which no failure in this JVM can
     * wake — end with a {@link WaitAbandonedException} whose cause is {@code cause}. The first cause is kept.
     * Waits on futures need none of this: the failed work's future fails.
     *
     * @param cause why the work failed, not {@code null}
     */
    public synchronized void abandonWaits(Throwable cause) {
        if (waitsAbandonedBy == null) {
            waitsAbandonedBy = Objects.requireNonNull(cause, "cause");
        }
    }

    /**
     * Called by a helper while it waits on something only another process can change: throws when the calling
     * thread's scope had its waits {@linkplain #abandonWaits(Throwable) abandoned}; returns at once otherwise, and
     * always outside any scope.
     *
     * @throws WaitAbandonedException naming the failure that made the wait hopeless
     */
    public static void checkWaitsAbandoned() {
        CancellationScope scope = CURRENT.get();
        if (scope != null && scope.waitsAbandonedBy != null) {
            throw new WaitAbandonedException(scope, scope.waitsAbandonedBy);
        }
    }

    /**
     * The name given at creation.
     *
     * @return e.g. {@code "cell 7"}
     */
    public String name() {
        return name;
    }

    /**
     * Whether {@link #cancel()} was called.
     *
     * @return true once cancelled; a scope is never un-cancelled
     */
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /**
     * How many registrations are open: work started in this scope that has not ended yet.
     *
     * @return the number of registrations neither closed nor cancelled
     */
    public synchronized int openRegistrations() {
        return registrations.size();
    }

    /**
     * Runs the canceller of every open registration, newest first, and marks the scope cancelled so that
     * later registrations are cancelled at once. A canceller that throws does not stop the others; the
     * first exception is rethrown at the end with the rest suppressed.
     */
    public void cancel() {
        List<Registration> toCancel;
        synchronized (this) {
            cancelled = true;
            toCancel = new ArrayList<>(registrations);
            registrations.clear();
        }
        RuntimeException failure = null;
        for (int i = toCancel.size() - 1; i >= 0; i--) {
            try {
                toCancel.get(i).canceller.run();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private Registration add(Runnable canceller) {
        Registration registration = new Registration(this, canceller);
        synchronized (this) {
            if (!cancelled) {
                registrations.add(registration);
                return registration;
            }
        }
        canceller.run();
        return registration;
    }

    private synchronized void remove(Registration registration) {
        registrations.remove(registration);
    }

    @Override
    public String toString() {
        return "CancellationScope[" + name + "]";
    }

    /**
     * A scope bound to a thread; closing it restores the previously bound scope. Close it on the thread that
     * entered the scope.
     *
     * <pre>{@code
     * try (CancellationScope.Binding ignored = scope.enter()) { ... }
     * }</pre>
     */
    @FunctionalInterface
    public interface Binding extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * A canceller registered with a scope; close it when the work ended normally. Thread-safe.
     *
     * <pre>{@code
     * try (CancellationScope.Registration r = CancellationScope.register(process::destroyForcibly)) {
     *     process.waitFor();
     * }
     * }</pre>
     */
    public static final class Registration implements AutoCloseable {
        private final CancellationScope scope;
        private final Runnable canceller;

        private Registration(CancellationScope scope, Runnable canceller) {
            this.scope = scope;
            this.canceller = canceller;
        }

        /** Removes the canceller from its scope; it will not run any more. Idempotent. */
        @Override
        public void close() {
            if (scope != null) {
                scope.remove(this);
            }
        }
    }
}
