package io.paralab.kernel.execution.jshell;

import jdk.jshell.JShell;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import static io.paralab.kernel.execution.jshell.JShellFields.field;

/**
 * Gives JShell fresh javac contexts after every {@link #SNIPPETS_PER_CONTEXT} snippets, so what javac keeps per
 * compiled class does not pile up over a long session. JShell compiles every snippet in a javac context taken from a
 * pool and put back after the compilation; a context never forgets a name (its name table only grows) and keeps an
 * entry in its class table for every class name it ever listed, so each snippet leaves 3-4 KB in the contexts for good
 * (a fresh context holds only what the next compilations use). Renewing is what JShell does itself when the class
 * path changes ({@code TaskFactory.initTaskPool}): the pooled contexts are dropped, and the next compilation of each
 * kind sets up a new one (tens of milliseconds, once per {@link #SNIPPETS_PER_CONTEXT} snippets). Nothing a snippet
 * declared is in a context between compilations: JShell removes its classes from the context after each one.
 *
 * <p>JShell has no API for this: it calls the package-private {@code TaskFactory.initTaskPool} through reflection,
 * which needs {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED} (the kernel jar's manifest says it). If that is not
 * possible it does nothing and says why in one line on standard error, once; it never fails a cell. Call
 * {@link #renewIfDue()} between evaluations, on the thread that evaluates.
 *
 * <pre>{@code
 * CompilerContexts contexts = CompilerContexts.of(shell);
 * shell.eval("int a = 1;");
 * contexts.compiled();          // one per snippet handed to JShell
 * contexts.renewIfDue();        // after a cell: renews once enough snippets were compiled
 * }</pre>
 */
final class CompilerContexts {

    /** Whether {@link #renewIfDue()} renews. */
    enum State { RENEWING, DISABLED }

    /** Snippets compiled in the same contexts before they are renewed. */
    static final int SNIPPETS_PER_CONTEXT = 200;

    private static final Access ACCESS = Access.find();

    private final Object taskFactory;
    private State state;
    private int sinceRenewal;

    private CompilerContexts(Object taskFactory, State state) {
        this.taskFactory = taskFactory;
        this.state = state;
    }

    /** The contexts of {@code shell}; {@linkplain State#DISABLED disabled} if they cannot be reached. */
    static CompilerContexts of(JShell shell) {
        if (ACCESS.problem() != null) {
            return new CompilerContexts(null, State.DISABLED);
        }
        try {
            return new CompilerContexts(ACCESS.taskFactory().get(shell), State.RENEWING);
        } catch (ReflectiveOperationException | RuntimeException e) {
            disable("its compiler is not as expected: " + e);
            return new CompilerContexts(null, State.DISABLED);
        }
    }

    State state() {
        return state;
    }

    /** Counts one snippet handed to JShell. */
    void compiled() {
        sinceRenewal++;
    }

    /**
     * Renews the contexts if at least {@link #SNIPPETS_PER_CONTEXT} snippets were {@linkplain #compiled() counted}
     * since the last renewal.
     *
     * @return whether it renewed
     */
    boolean renewIfDue() {
        if (state == State.DISABLED || sinceRenewal < SNIPPETS_PER_CONTEXT) {
            return false;
        }
        renew();
        return state == State.RENEWING;
    }

    /** Renews the contexts now (no-op when {@linkplain State#DISABLED disabled}). */
    void renew() {
        if (state == State.DISABLED) {
            return;
        }
        sinceRenewal = 0;
        try {
            synchronized (taskFactory) {             // JShell compiles holding this lock: never mid-compilation
                ACCESS.initTaskPool().invoke(taskFactory);
            }
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            state = State.DISABLED;
            disable("renewing them failed: " + e);
        }
    }

    private static void disable(String reason) {
        System.err.println("paralab: JShell's compiler contexts are kept for the whole session (the heap grows with "
                + "every snippet): " + reason);
    }

    /** {@code JShell.taskFactory} and {@code TaskFactory.initTaskPool()}. */
    private record Access(Field taskFactory, Method initTaskPool, String problem) {

        static Access find() {
            try {
                Class<?> factory = Class.forName("jdk.jshell.TaskFactory");
                Field field = field(JShell.class, "taskFactory", factory);
                Method init = factory.getDeclaredMethod("initTaskPool");
                init.setAccessible(true);
                return new Access(field, init, null);
            } catch (ReflectiveOperationException | RuntimeException e) {
                String problem = JShellFields.problem(e);
                disable(problem);
                return new Access(null, null, problem);
            }
        }
    }
}
