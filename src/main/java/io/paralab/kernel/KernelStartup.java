package io.paralab.kernel;

import io.paralab.kernel.execution.CellEvaluator;
import io.paralab.kernel.execution.CellClassLoader;

import java.io.PrintStream;
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

    /** Starts JShell on a daemon thread, then runs {@code installExtensions} with its class loader. */
    KernelStartup(Consumer<CellClassLoader> installExtensions) {
        Thread.ofPlatform().name("paralab-warmup").daemon().start(() -> start(installExtensions));
    }

    private void start(Consumer<CellClassLoader> installExtensions) {
        CellEvaluator started;
        try {
            started = new CellEvaluator(ClassLoader.getSystemClassLoader());
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
            diagnostics.println("paralab: an extension failed to install: " + e);
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
            System.err.println("paralab: an extension failed to install at start: " + failure);
        }
    }

    /** Closes JShell once it has started (at once if it has). */
    void close() {
        evaluator.thenAccept(CellEvaluator::close);
    }
}
