/**
 * Help while typing: tab completion ({@link io.paralab.kernel.assist.CodeCompletion}), signatures and Javadoc under
 * the cursor ({@link io.paralab.kernel.assist.CodeInspection}, {@link io.paralab.kernel.assist.JavadocText}), and
 * whether a cell is complete, incomplete or invalid ({@link io.paralab.kernel.assist.CodeCompleteness},
 * {@link io.paralab.kernel.assist.LexicalErrors}).
 *
 * <pre>{@code
 * ReplacementOptions options = new CodeCompletion(registry).complete("Str", 3, shell.sourceCodeAnalysis());
 * }</pre>
 */
package io.paralab.kernel.assist;
