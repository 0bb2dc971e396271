/**
 * The Java Jupyter kernel: JShell in the kernel's own JVM, on JJava's kernel framework. Only this package and its
 * sub-packages know JShell, and the kernel meets the notebook extension ({@code io.paralab.jupyter}) only through
 * JJava's {@code Extension} service interface.
 *
 * <p>{@link io.paralab.kernel.ParalabKernel} wires the rooms below and keeps no job of its own;
 * {@link io.paralab.kernel.KernelStartup} starts JShell while the front end connects. The rooms:
 * {@code launch} (entry point, kernelspec installer, start-up cache), {@code protocol} (the connection and the
 * replies JJava lacks), {@code streams} (cells' standard streams), {@code execution} (evaluating cells, interrupt,
 * exit), {@code magics}, {@code dependencies} (Maven), {@code environment} (JJava's variables) and {@code assist}
 * (completion, inspection, completeness).
 *
 * <pre>{@code
 * java -jar paralab.jar install --user          # then pick "Java (ParaLab)" in JupyterLab
 * }</pre>
 */
package io.paralab.kernel;
