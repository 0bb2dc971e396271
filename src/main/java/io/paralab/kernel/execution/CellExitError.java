package io.paralab.kernel.execution;

/**
 * Ends a cell that called {@code System.exit}, {@code Runtime.exit} or {@code Runtime.halt}: the kernel keeps
 * running, with all variables intact.
 */
public final class CellExitError extends Error {

    private final int status;

    /**
     * @param call   the call the cell made, e.g. {@code "System.exit"}
     * @param status the exit status it asked for
     */
    public CellExitError(String call, int status) {
        super(call + "(" + status + ") was called in a cell; the kernel does not exit, the cell was ended instead");
        this.status = status;
    }

    /** The exit status the cell asked for. */
    public int status() {
        return status;
    }
}
