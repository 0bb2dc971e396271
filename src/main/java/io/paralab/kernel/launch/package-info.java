/**
 * Starting and installing the kernel: the jar's entry point ({@link io.paralab.kernel.launch.Launcher}), the
 * kernelspec installer ({@link io.paralab.kernel.launch.KernelspecInstaller}), the class-data cache that makes the
 * kernel JVM start fast ({@link io.paralab.kernel.launch.StartupCache}) and the training run behind it
 * ({@link io.paralab.kernel.launch.KernelTraining}), and the watch that ends the kernel when its front end dies
 * ({@link io.paralab.kernel.launch.ParentWatch}).
 *
 * <pre>{@code
 * java -jar paralab.jar kernel /path/to/connection.json
 * }</pre>
 */
package io.paralab.kernel.launch;
