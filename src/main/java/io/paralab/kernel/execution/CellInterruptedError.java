package io.paralab.kernel.execution;

/**
 * Thrown by {@link CellStop#check()} in cell code that runs after its cell was interrupted. An {@link Error}, so a
 * cell's {@code catch (Exception e)} does not swallow the interrupt.
 */
public final class CellInterruptedError extends Error {
    /** Creates the error with the message shown under the interrupted cell. */
    public CellInterruptedError() {
        super("the cell was interrupted");
    }
}
