package io.paralab.kernel.execution;

import java.util.List;

/**
 * A cell that failed, already formatted for Jupyter's {@code error} message: a name ({@code ename}), a one-line
 * message ({@code evalue}) and the lines of the traceback, which point at cell lines, not at kernel internals.
 *
 * <pre>{@code
 * throw new CellFailure("CompilationException", "cannot find symbol", List.of("cell line 2: cannot find symbol"));
 * }</pre>
 */
public final class CellFailure extends RuntimeException {

    private final String name;
    private final List<String> traceback;

    /**
     * @param name      the error name, e.g. {@code java.lang.ArithmeticException}
     * @param message   the one-line message
     * @param traceback the lines shown under the cell
     */
    public CellFailure(String name, String message, List<String> traceback) {
        super(message, null, false, false);
        this.name = name;
        this.traceback = List.copyOf(traceback);
    }

    /** The error name, e.g. {@code CompilationException} or an exception class name. */
    public String name() {
        return name;
    }

    /** The lines to show under the cell. */
    public List<String> traceback() {
        return traceback;
    }
}
