/**
 * What the kernel changes in JShell where JShell has no API, so a session of thousands of cells stays as fast and
 * nearly as small as a new one: {@link io.paralab.kernel.execution.jshell.SessionUpkeep} installs and runs the four
 * parts — a snippet's class imports only what the snippet names
 * ({@link io.paralab.kernel.execution.jshell.SnippetImports}, through
 * {@link io.paralab.kernel.execution.jshell.WrapMapHook}), old class sources lose their imports
 * ({@link io.paralab.kernel.execution.jshell.SnippetWrapTrimmer}), records of snippets and classes that can never
 * run or compile again are released ({@link io.paralab.kernel.execution.jshell.InactiveSnippetSweeper}) and javac's
 * contexts are renewed ({@link io.paralab.kernel.execution.jshell.CompilerContexts}). They reach
 * {@code jdk.jshell}'s package-private records through reflection
 * ({@link io.paralab.kernel.execution.jshell.JShellFields}); each checks them once and, if it cannot work, does
 * nothing and says why in one line on standard error.
 *
 * <pre>{@code
 * SessionUpkeep upkeep = SessionUpkeep.install(shell);
 * try (SessionUpkeep.Cell cell = upkeep.cell()) {
 *     upkeep.compiling();
 *     shell.eval("int total = a12 + 1;");
 * }
 * }</pre>
 */
package io.paralab.kernel.execution.jshell;
