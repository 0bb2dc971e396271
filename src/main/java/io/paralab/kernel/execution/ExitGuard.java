package io.paralab.kernel.execution;

import java.util.concurrent.locks.LockSupport;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps cell code from ending the kernel JVM, in two layers:
 * <ul>
 *   <li>{@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} called or referenced in cell code are
 *       rewritten to the methods of this class ({@link CellBytecodeRewriter}), which end the cell with a
 *       {@link CellExitError};</li>
 *   <li>an exit reached another way — through reflection, a {@code MethodHandle}, or a library the cell called — is
 *       caught where every {@code Runtime.exit} passes first: the JDK logs it to the {@code System.Logger} named
 *       {@code java.lang.Runtime} before it starts shutting down ({@link #install(CellRunner)}). A thread that works for
 *       a cell is held there for good: its cell fails with a {@link CellExitError}, the kernel lives. Threads that
 *       work for no cell (the kernel's own shutdown) exit as usual.</li>
 * </ul>
 * {@code Runtime.halt} reached through reflection is not seen: the JDK does not log it.
 *
 * <pre>{@code
 * ExitGuard.install(runner);          // once, when the kernel starts
 * System.exit(3);                     // in a cell: the cell fails with "System.exit(3) ...", the kernel lives on
 * System.class.getMethod("exit", int.class).invoke(null, 4);    // the same, through reflection
 * }</pre>
 */
public final class ExitGuard {

    /** Held strongly: {@code java.util.logging} keeps loggers only weakly, and the level must stay set. */
    private static final Logger RUNTIME_LOGGER = Logger.getLogger("java.lang.Runtime");

    private ExitGuard() {
    }

    /** Replaces {@code System.exit(status)}. */
    public static void systemExit(int status) {
        throw new CellExitError("System.exit", status);
    }

    /** Replaces {@code runtime.exit(status)}. */
    public static void runtimeExit(Runtime runtime, int status) {
        throw new CellExitError("Runtime.exit", status);
    }

    /** Replaces {@code runtime.halt(status)}. */
    public static void runtimeHalt(Runtime runtime, int status) {
        throw new CellExitError("Runtime.halt", status);
    }

    /**
     * Holds every thread that works for a cell and reaches {@code Runtime.exit} however it got there; the cell
     * {@code runner} is running on such a thread fails with a {@link CellExitError}, another thread's cell is told on
     * its stderr. Idempotent.
     */
    public static synchronized void install(CellRunner runner) {
        for (Handler handler : RUNTIME_LOGGER.getHandlers()) {
            if (handler instanceof ExitRefusal) {
                return;
            }
        }
        RUNTIME_LOGGER.setUseParentHandlers(false);
        RUNTIME_LOGGER.setLevel(Level.FINE);            // System.Logger.Level.DEBUG, the level Runtime.exit logs at
        RUNTIME_LOGGER.addHandler(new ExitRefusal(runner));
    }

    /** The handler that receives the JDK's "Runtime.exit() called with status: N" record. */
    private static final class ExitRefusal extends Handler {
        private final CellRunner runner;

        ExitRefusal(CellRunner runner) {
            this.runner = runner;
        }

        @Override
        public void publish(LogRecord record) {
            if (CellContext.current().isEmpty()) {
                return;                                            // the kernel itself: let it exit
            }
            CellExitError refused = new CellExitError("Runtime.exit", statusOf(record));
            if (!runner.failRunningCell(Thread.currentThread(), refused)) {
                System.err.println(Thread.currentThread().getName() + ": " + refused.getMessage()
                        + "; this thread is stopped");
            }
            while (true) {
                LockSupport.park(this);                            // returning would let the JVM exit
            }
        }

        private static int statusOf(LogRecord record) {
            String message = record.getMessage();
            try {
                return Integer.parseInt(message.substring(message.lastIndexOf(' ') + 1).strip());
            } catch (RuntimeException e) {
                return -1;
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
