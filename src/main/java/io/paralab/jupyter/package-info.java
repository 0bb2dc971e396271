/**
 * The ParaLab notebook extension for JJava-based kernels: {@link io.paralab.jupyter.ParaLabExtension} (installed
 * through {@code META-INF/services}), the {@code %ps} and {@code %threads} magics, live
 * {@linkplain io.paralab.jupyter.ProgressBar progress bars}, and the renderers that show ParaLab objects as HTML
 * ({@link io.paralab.jupyter.ParaLabRenderers}). The only package that knows notebooks: it uses the JJava API that
 * 1.0-a6 and later share, and the library packages never import it.
 *
 * <pre>{@code
 * %ps
 * %threads
 * List<Integer> squares = pool.map(x -> x * x, items, ProgressBar.show("squares"));
 * }</pre>
 */
package io.paralab.jupyter;
