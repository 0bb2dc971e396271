package io.paralab.kernel.execution;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
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
 *       {@link CellExitError}; so are the reflective ways cell code reaches them: {@code Method.invoke} of one of
 *       them fails with that error ({@link #checkInvocation}), and {@code MethodHandles.Lookup}'s
 *       {@code findStatic}, {@code findVirtual}, {@code bind} and {@code unreflect} give a handle to this class's
 *       method instead ({@link #findVirtual} and its siblings);</li>
 *   <li>an exit reached another way — through reflection, a {@code MethodHandle}, or a library the cell called — is
 *       caught where every {@code Runtime.exit} passes first: the JDK logs it to the {@code System.Logger} named
 *       {@code java.lang.Runtime} before it starts shutting down ({@link #install(CellRunner)}). A thread that works for
 *       a cell is held there for good: its cell fails with a {@link CellExitError}, the kernel lives. Threads that
 *       work for no cell (the kernel's own shutdown) exit as usual.</li>
 * </ul>
 * {@code Runtime.halt} reached from a library, or from cell code through a second reflective layer (reflection on
 * {@code Method.invoke} itself), is not seen: the JDK does not log it.
 *
 * <pre>{@code
 * ExitGuard.install(runner);          // once, when the kernel starts
 * System.exit(3);                     // in a cell: the cell fails with "System.exit(3) ...", the kernel lives on
 * System.class.getMethod("exit", int.class).invoke(null, 4);    // the same, through reflection
 * MethodHandles.lookup().findVirtual(Runtime.class, "halt", MethodType.methodType(void.class, int.class))
 *         .invoke(Runtime.getRuntime(), 5);                    // the same, through a method handle
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
     * Called by rewritten cell code just before {@code method.invoke(target, arguments)}: fails with a
     * {@link CellExitError} when {@code method} is {@code System.exit}, {@code Runtime.exit} or {@code Runtime.halt};
     * returns {@code method} otherwise, and the cell's own {@code invoke} runs (with the cell's access rights).
     */
    public static Method checkInvocation(Method method, Object[] arguments) {
        String call = exitCall(method.getDeclaringClass(), method.getName(),
                MethodType.methodType(method.getReturnType(), method.getParameterTypes()));
        if (call != null) {
            int status = arguments != null && arguments.length == 1 && arguments[0] instanceof Integer i ? i : -1;
            throw new CellExitError(call, status);
        }
        return method;
    }

    /** Replaces {@code lookup.findStatic(owner, name, type)} in cell code: an exit method gives a guard's handle. */
    public static MethodHandle findStatic(MethodHandles.Lookup lookup, Class<?> owner, String name, MethodType type)
            throws NoSuchMethodException, IllegalAccessException {
        MethodHandle found = lookup.findStatic(owner, name, type);
        return exitCall(owner, name, type) == null ? found : guardOf(owner, name);
    }

    /** Replaces {@code lookup.findVirtual(owner, name, type)} in cell code: an exit method gives a guard's handle. */
    public static MethodHandle findVirtual(MethodHandles.Lookup lookup, Class<?> owner, String name, MethodType type)
            throws NoSuchMethodException, IllegalAccessException {
        MethodHandle found = lookup.findVirtual(owner, name, type);
        return exitCall(owner, name, type) == null ? found : guardOf(owner, name);
    }

    /** Replaces {@code lookup.bind(receiver, name, type)} in cell code: an exit method gives a guard's handle. */
    public static MethodHandle bind(MethodHandles.Lookup lookup, Object receiver, String name, MethodType type)
            throws NoSuchMethodException, IllegalAccessException {
        MethodHandle found = lookup.bind(receiver, name, type);
        return exitCall(receiver.getClass(), name, type) == null ? found
                : guardOf(receiver.getClass(), name).bindTo(receiver);
    }

    /** Replaces {@code lookup.unreflect(method)} in cell code: an exit method gives a guard's handle. */
    public static MethodHandle unreflect(MethodHandles.Lookup lookup, Method method) throws IllegalAccessException {
        MethodHandle found = lookup.unreflect(method);
        Class<?> owner = method.getDeclaringClass();
        MethodType type = MethodType.methodType(method.getReturnType(), method.getParameterTypes());
        return exitCall(owner, method.getName(), type) == null ? found : guardOf(owner, method.getName());
    }

    /** {@code "System.exit"}, {@code "Runtime.exit"} or {@code "Runtime.halt"} for those methods, else null. */
    private static String exitCall(Class<?> owner, String name, MethodType type) {
        if (!type.equals(MethodType.methodType(void.class, int.class))) {
            return null;
        }
        if (owner == System.class && name.equals("exit")) {
            return "System.exit";
        }
        if (owner == Runtime.class && (name.equals("exit") || name.equals("halt"))) {
            return "Runtime." + name;
        }
        return null;
    }

    /** The handle of this class's stand-in for the exit method {@code owner.name}, of the same type. */
    private static MethodHandle guardOf(Class<?> owner, String name) {
        String guard = owner == System.class ? "systemExit" : name.equals("exit") ? "runtimeExit" : "runtimeHalt";
        MethodType type = owner == System.class ? MethodType.methodType(void.class, int.class)
                : MethodType.methodType(void.class, Runtime.class, int.class);
        try {
            return MethodHandles.lookup().findStatic(ExitGuard.class, guard, type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("ExitGuard." + guard + " is missing", e);
        }
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
