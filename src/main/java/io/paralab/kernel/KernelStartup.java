package io.paralab.kernel;

import io.paralab.kernel.execution.CellEvaluator;
import io.paralab.kernel.execution.CellClassLoader;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Starts JShell and installs the start-up extensions on a background thread while the front end connects; the
 * first request that needs JShell waits for it, and the first cell after a failed extension install shows why.
 */
final class KernelStartup {

    private final CompletableFuture<CellEvaluator> evaluator = new CompletableFuture<>();
    /** Completes once the start-up extensions are installed; holds the failure if one failed, else null. */
    private final CompletableFuture<Throwable> extensionsInstalled = new CompletableFuture<>();
    private final PrintStream diagnostics = System.err;   // the kernel's terminal, not a cell
    private boolean extensionFailureShown;

    /**
     * Starts JShell (with {@code compilerOptions}) on a daemon thread, then runs {@code installExtensions} with its
     * class loader: the extensions, and whatever else must be in place before the first cell.
     */
    KernelStartup(List<String> compilerOptions, Consumer<CellClassLoader> installExtensions) {
        Thread.ofPlatform().name("paralab-warmup").daemon().start(() -> start(compilerOptions, installExtensions));
    }

    private void start(List<String> compilerOptions, Consumer<CellClassLoader> installExtensions) {
        CellEvaluator started;
        try {
            started = new CellEvaluator(ClassLoader.getSystemClassLoader(), compilerOptions);
        } catch (Throwable e) {
            evaluator.completeExceptionally(e);
            extensionsInstalled.complete(null);
            diagnostics.println("paralab: cannot start JShell: " + e);
            return;
        }
        evaluator.complete(started);                           // extensions evaluate their imports through it
        try {
            installExtensions.accept(started.loader());
            extensionsInstalled.complete(null);
        } catch (Throwable e) {
            diagnostics.println("paralab: the start-up failed: " + e);
            extensionsInstalled.complete(e);
        }
    }

    /** The evaluator, once JShell has started (waits for it). */
    CellEvaluator evaluator() {
        return evaluator.join();
    }

    /**
     * Waits until the start-up extensions are installed, so the first cell sees their imports and magics; the
     * first cell after a failed install shows that failure on its stderr.
     */
    void awaitExtensions() {
        Throwable failure = extensionsInstalled.join();
        if (failure != null && !extensionFailureShown) {
            extensionFailureShown = true;
            System.err.println("paralab: the start-up failed: "
                    + (failure.getMessage() == null ? failure.toString() : failure.getMessage()));
        }
    }

    /** Waits until the start-up is over (extensions, start-up scripts), failed or not; shows nothing. */
    void awaitStartupOver() {
        extensionsInstalled.join();
    }

    /** Closes JShell once it has started (at once if it has). */
    void close() {
        evaluator.thenAccept(CellEvaluator::close);
    }
}
