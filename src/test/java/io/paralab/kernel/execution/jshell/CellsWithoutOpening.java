package io.paralab.kernel.execution.jshell;

import io.paralab.kernel.execution.CellEvaluator;
import jdk.jshell.JShell;

/**
 * A child JVM's main for {@link SnippetImportsTest}: run without {@code --add-opens jdk.jshell/jdk.jshell}, it prints
 * the state of {@link SnippetImports} and {@link SnippetWrapTrimmer} on a new shell and the value of two cells
 * evaluated by a {@link CellEvaluator}, on one line.
 */
public final class CellsWithoutOpening {

    private CellsWithoutOpening() {
    }

    public static void main(String[] args) {
        try (JShell shell = JShell.builder().executionEngine("local").build();
             CellEvaluator cells = new CellEvaluator(ClassLoader.getSystemClassLoader())) {
            cells.evaluate("int a = 20;", 1);
            Object value = cells.evaluate("int twice() { return a * 2; }\ntwice() + 2", 2);
            System.out.println(SnippetImports.install(shell).state() + " " + SnippetWrapTrimmer.of(shell).state() + " "
                    + value);
        }
    }
}
