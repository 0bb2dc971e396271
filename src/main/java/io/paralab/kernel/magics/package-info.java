/**
 * The kernel's own magics, registered in one place ({@link io.paralab.kernel.magics.KernelMagics}):
 * {@code %classpath}, {@code %jars}, {@code %load}, {@code %whos}, {@code %time}, {@code %timeit},
 * {@code %lsmagic}; an unknown magic fails naming the closest known one
 * ({@link io.paralab.kernel.magics.KernelMagicsRegistry}). The Maven magics live in {@code dependencies}; the
 * extension's ({@code %ps}, {@code %threads}) in {@code io.paralab.jupyter}.
 *
 * <pre>{@code
 * %timeit -n 1000 Math.sqrt(2)
 * }</pre>
 */
package io.paralab.kernel.magics;
