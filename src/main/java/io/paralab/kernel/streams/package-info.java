/**
 * The standard streams of cells: {@code System.out}/{@code err} written by any thread are published under the cell
 * that thread works for, also after the cell finished ({@link io.paralab.kernel.streams.CellOutputStream},
 * {@link io.paralab.kernel.streams.CellPublisher}); {@code System.in} and {@code display(...)} route the same way
 * ({@link io.paralab.kernel.streams.KernelIO}); {@link io.paralab.kernel.streams.StandardStreams} puts them in place.
 *
 * <pre>{@code
 * new Thread(() -> System.out.println("lands under the cell that started me")).start();
 * }</pre>
 */
package io.paralab.kernel.streams;
