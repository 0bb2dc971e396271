package io.paralab.kernel.execution;

/**
 * Stands in for {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} in cell code (see
 * {@link CellBytecodeRewriter}): instead of ending the kernel JVM, the call ends the cell with a
 * {@link CellExitError}.
 *
 * <pre>{@code
 * System.exit(3);   // written in a cell: the cell fails with "System.exit(3) ...", the kernel lives on
 * IntConsumer exit = System::exit;
 * exit.accept(4);   // the same through a method reference: "System.exit(4) ..."
 * }</pre>
 */
public final class ExitGuard {

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
}
