/**
 * Evaluating cells: JShell running in the kernel JVM ({@link io.paralab.kernel.execution.CellExecutionControl},
 * {@link io.paralab.kernel.execution.CellClassLoader}), cells cut into snippets and their errors pointed at cell
 * lines ({@link io.paralab.kernel.execution.CellEvaluator}, {@link io.paralab.kernel.execution.CellErrors}), each
 * cell on a thread bound to it ({@link io.paralab.kernel.execution.CellContext},
 * {@link io.paralab.kernel.execution.CellRunner}), interrupt and time limits that stop even a busy loop
 * ({@link io.paralab.kernel.execution.CellStop}, {@link io.paralab.kernel.execution.CellTimeout}), and
 * {@code System.exit} in a cell ending only the cell ({@link io.paralab.kernel.execution.ExitGuard}); the bytecode
 * rewriter ({@link io.paralab.kernel.execution.CellBytecodeRewriter}) weaves in both. Where JShell has no API, a
 * long session is kept from slowing down and filling the heap by working on {@code jdk.jshell}'s own records
 * ({@link io.paralab.kernel.execution.jshell.SessionUpkeep}, in the sub-package).
 *
 * <pre>{@code
 * while (true) {}      // a cell: interrupt stops it, the kernel and its variables stay
 * }</pre>
 */
package io.paralab.kernel.execution;
