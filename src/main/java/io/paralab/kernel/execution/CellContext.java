package io.paralab.kernel.execution;

import io.paralab.threads.CancellationScope;
import org.dflib.jjava.jupyter.messages.MessageContext;

import java.util.Optional;

/**
 * Which notebook cell the calling thread works for: the cell's execute request (whose header becomes the parent
 * header of everything the cell publishes) and the cell's {@link CancellationScope}.
 *
 * <p>Bound with {@link #enter()} on the thread that evaluates the cell; every thread started from there inherits it,
 * so output printed by a background thread lands under the cell that started it, also after the cell finished.
 * Threads that inherit no cell (pool threads created by the JDK, like the common {@code ForkJoinPool}'s) print under
 * the cell that started last.
 *
 * <pre>{@code
 * CellContext cell = new CellContext(request, 7, new CancellationScope("cell 7"));
 * try (CellContext.Binding b = cell.enter()) {
 *     evaluate(code);      // System.out goes to cell 7
 * }
 * }</pre>
 *
 * @param request        the execute request of the cell
 * @param executionCount the cell's execution count
 * @param scope          cancelled when the cell is interrupted
 */
public record CellContext(MessageContext request, int executionCount, CancellationScope scope) {

    private static final InheritableThreadLocal<CellContext> CURRENT = new InheritableThreadLocal<>();
    private static volatile CellContext latest;

    /** The cell the calling thread works for, if any. */
    public static Optional<CellContext> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * The cell output of the calling thread belongs to: its own cell, or, for a thread no cell started (a
     * {@code ForkJoinPool.commonPool()} worker running a parallel stream, say), the cell that started last.
     */
    public static Optional<CellContext> forOutput() {
        CellContext own = CURRENT.get();
        return Optional.ofNullable(own != null ? own : latest);
    }

    /**
     * Binds this cell and its cancellation scope to the calling thread until the binding is closed, and makes it the
     * cell that output of threads started outside any cell goes to.
     */
    Binding enter() {
        latest = this;
        CellContext previous = CURRENT.get();
        CancellationScope.Binding scopeBinding = scope.enter();
        CURRENT.set(this);
        return () -> {
            CURRENT.set(previous);
            scopeBinding.close();
        };
    }

    /** Restores the previous cell binding when closed. */
    @FunctionalInterface
    public interface Binding extends AutoCloseable {
        @Override
        void close();
    }
}
