package io.paralab.kernel.execution.jshell;

import jdk.jshell.JShell;

/**
 * Keeps a long JShell session from slowing down and filling the heap, where JShell has no API. Installed on a new
 * shell, it makes the class JShell compiles for a snippet import only the earlier declarations the snippet names
 * ({@link SnippetImports}); after each cell it cuts the import lines out of the class sources JShell keeps
 * ({@link SnippetWrapTrimmer}), lets go of what JShell keeps of snippets and classes that can never run or compile
 * again ({@link InactiveSnippetSweeper}) and, every {@value #SNIPPETS_PER_COMPILER_CONTEXT} snippets, gives javac
 * fresh contexts ({@link CompilerContexts}). Each of the four works on {@code jdk.jshell}'s package-private records
 * through reflection ({@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED}, which the kernel jar's manifest says);
 * one that cannot does nothing and says why in one {@code paralab:} line on standard error, and none ever fails a
 * cell. Not thread-safe: one thread evaluates cells, one at a time.
 *
 * <pre>{@code
 * SessionUpkeep upkeep = SessionUpkeep.install(shell);     // before the shell's first evaluation
 * try (SessionUpkeep.Cell cell = upkeep.cell()) {           // closing it tidies up after the cell
 *     upkeep.compiling();                                    // before each snippet handed to JShell
 *     shell.eval("int total = a12 + 1;");
 * }
 * }</pre>
 */
public final class SessionUpkeep {

    /** How many snippets are compiled in the same javac contexts before they are renewed. */
    public static final int SNIPPETS_PER_COMPILER_CONTEXT = CompilerContexts.SNIPPETS_PER_CONTEXT;

    /** One cell's evaluation: its compilations import only what they name; closing it tidies up after the cell. */
    public interface Cell extends AutoCloseable {
        @Override
        void close();
    }

    private final SnippetImports imports;
    private final SnippetWrapTrimmer wraps;
    private final InactiveSnippetSweeper sweeper;
    private final CompilerContexts contexts;

    private SessionUpkeep(JShell shell) {
        this.imports = SnippetImports.install(shell);
        this.wraps = SnippetWrapTrimmer.of(shell);
        this.sweeper = InactiveSnippetSweeper.of(shell);
        this.contexts = CompilerContexts.of(shell);
    }

    /** Installs the upkeep in {@code shell}, which must not have evaluated anything yet. */
    public static SessionUpkeep install(JShell shell) {
        return new SessionUpkeep(shell);
    }

    /**
     * Starts a cell on the calling thread. Close it after the cell, when its diagnostics were read: then the class
     * sources lose their import lines, inactive snippets are released and javac's contexts are renewed if due.
     */
    public Cell cell() {
        SnippetImports.Scope filtering = imports.filtering();
        return () -> {
            filtering.close();
            wraps.trimCompiled();
            sweeper.sweep();
            contexts.renewIfDue();
        };
    }

    /** Counts a snippet about to be handed to JShell ({@code JShell.eval}). */
    public void compiling() {
        contexts.compiled();
    }
}
