package io.paralab.kernel.execution;

import io.paralab.threads.CancellationScope;

/**
 * The stop check that {@link CellBytecodeRewriter} weaves into cell code. After an interrupt, a thread whose
 * {@link CancellationScope} was cancelled throws {@link CellInterruptedError} at its next loop iteration or method
 * call in cell code. The fast path is one volatile read, so loops stay fast when nothing was interrupted.
 *
 * <pre>{@code
 * CellStop.request();   // the kernel, on interrupt, after cancelling the cell's scope
 * CellStop.reset();     // the kernel, before the next cell runs
 * }</pre>
 */
public final class CellStop {

    private static volatile boolean requested;

    private CellStop() {
    }

    /**
     * Throws when an interrupt was requested and the calling thread belongs to a cancelled scope, or to no scope at
     * all (a JDK pool thread, such as a common {@code ForkJoinPool} worker, running cell code).
     */
    public static void check() {
        if (requested && CancellationScope.current().map(CancellationScope::isCancelled).orElse(true)) {
            throw new CellInterruptedError();
        }
    }

    /** Makes threads of cancelled scopes stop at their next check. */
    static void request() {
        requested = true;
    }

    /** Back to the fast path: called when a new cell starts. */
    static void reset() {
        requested = false;
    }
}
