package io.paralab.kernel.execution;

import io.paralab.kernel.execution.jshell.SessionUpkeep;
import jdk.jshell.Diag;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.VarSnippet;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Evaluates the Java source of notebook cells with JShell, in this JVM: cuts a cell into snippets, evaluates them in
 * order, stops at the first compile error or exception (as a {@link CellFailure} pointing at cell lines) and returns
 * the value of the last snippet when it is an expression. After an interrupt ({@link CellStop}) it compiles no further
 * snippet of the cell; a cell of more than {@link #MAX_CELL_CHARS} characters is refused with an error. Not thread-safe: the caller
 * evaluates one cell at a time ({@link CellRunner}).
 *
 * <p>Two things keep JShell's compiler passes per cell down: consecutive on-demand imports are handed to JShell as
 * one import snippet (one compilation instead of one per import; an import already in effect is skipped), and a
 * {@linkplain StandaloneExpression standalone expression} is compiled as an {@code Object} variable (two passes
 * instead of four). {@link SessionUpkeep} keeps a long session from slowing down and filling the heap: a snippet's class
 * imports only the earlier declarations the snippet names, and after each cell JShell lets go of what it no longer
 * needs.
 *
 * <pre>{@code
 * try (CellEvaluator evaluator = new CellEvaluator(ClassLoader.getSystemClassLoader())) {
 *     Object two = evaluator.evaluate("int x = 1;\nx + 1", 1);
 * }
 * }</pre>
 */
public final class CellEvaluator implements AutoCloseable {

    /** What every cell can use without importing: JShell's usual imports and JJava's notebook statics. */
    static final List<String> DEFAULT_IMPORTS = List.of(
            "import java.io.*;", "import java.math.*;", "import java.net.*;", "import java.nio.file.*;",
            "import java.util.*;", "import java.util.concurrent.*;", "import java.util.concurrent.atomic.*;",
            "import java.util.function.*;", "import java.util.regex.*;", "import java.util.stream.*;",
            "import static org.dflib.jjava.jupyter.kernel.BaseNotebookStatics.*;");

    /** The declaration a standalone expression is evaluated in; the same line, so cell line numbers still hold. */
    private static final String VALUE_VARIABLE = "Object " + CellExecutionControl.VALUE_VARIABLE + " = ";
    private static final Object NOT_DEFINED = new Object();
    /** The longest cell compiled; JShell takes each statement as a snippet of its own, compiled one by one. */
    static final int MAX_CELL_CHARS = 512 * 1024;
    /** An on-demand import, {@linkplain #importOf normalized}. */
    private static final Pattern ON_DEMAND_IMPORT = Pattern.compile("import (static )?[\\w$]+(\\.[\\w$]+)*\\.\\*;");
    private static final Pattern COMMENT = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");
    /** Between the imports of a normalized import snippet. */
    private static final Pattern IMPORT_END = Pattern.compile("(?<=;) ");

    private final CellClassLoader loader;
    private final CellExecutionControl control;
    private final JShell shell;
    private final SessionUpkeep upkeep;
    private final CellErrors errors = new CellErrors();
    /** The import statements in effect, {@linkplain #importOf normalized}. */
    private final Set<String> activeImports = new HashSet<>();

    /** Starts JShell with cell classes loaded by a new {@link CellClassLoader} below {@code parent}. */
    public CellEvaluator(ClassLoader parent) {
        this(parent, List.of());
    }

    /**
     * Starts JShell with cell classes loaded by a new {@link CellClassLoader} below {@code parent}, compiling cells
     * with {@code compilerOptions} too (e.g. {@code --enable-preview}).
     */
    public CellEvaluator(ClassLoader parent, List<String> compilerOptions) {
        this.loader = new CellClassLoader(parent);
        this.control = new CellExecutionControl(loader);
        List<String> options = new java.util.ArrayList<>(List.of("-proc:none"));
        options.addAll(compilerOptions);
        this.shell = JShell.builder()
                .executionEngine(control.provider(), Map.of())
                .compilerOptions(options.toArray(String[]::new))
                .build();
        shell.addToClasspath(System.getProperty("java.class.path"));
        this.upkeep = SessionUpkeep.install(shell);
        evaluate(String.join("\n", DEFAULT_IMPORTS), 0);
    }

    /**
     * Evaluates a cell.
     *
     * @param code the cell's Java source (magics already translated)
     * @param cell the cell's execution count, used in stack traces
     * @return the value of the last snippet if it is an expression, else {@code null}
     * @throws CellFailure at the first compile error or exception
     */
    public Object evaluate(String code, int cell) {
        if (code.length() > MAX_CELL_CHARS) {
            throw new CellFailure("CellTooLarge", String.format(Locale.ROOT,
                    "the cell holds %,d characters of code; cells up to %,d are compiled (JShell compiles each statement "
                            + "on its own, so a larger cell would run for hours): put data in a file and read it, or "
                            + "code in a jar and add it with %%classpath", code.length(), MAX_CELL_CHARS), List.of(
                    "CellTooLarge: " + String.format(Locale.ROOT, "%,d characters; at most %,d", code.length(),
                            MAX_CELL_CHARS)));
        }
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = code;
        Object last = null;
        boolean batchImports = true;
        try (SessionUpkeep.Cell upkeepAfterCell = upkeep.cell()) {
            while (!remaining.isBlank()) {
                CellStop.check();                            // an interrupted cell compiles no further snippet
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
                if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                    break;
                }
                boolean complete = info.completeness().isComplete();
                // from its first non-blank character: JShell numbers the lines of a snippet that starts with a line
                // break one too low in stack traces
                String source = (complete ? info.source() : remaining).stripLeading();
                String importLine = importOf(source);
                int consumedBefore = code.length() - remaining.length();
                int sourceStart = startOf(source, code, consumedBefore);
                remaining = complete ? info.remaining() : "";
                int firstLine = lineOf(code, sourceStart);
                int firstColumn = sourceStart - (code.lastIndexOf('\n', sourceStart - 1) + 1);
                if (batchImports && complete && isOnDemand(importLine) && !activeImports.contains(importLine)) {
                    String afterBatch = afterOnDemandImports(analysis, remaining);
                    if (afterBatch.length() < remaining.length()) {
                        String together = importsTogether(code, sourceStart, afterBatch);
                        try {
                            last = evaluateSnippet(code, together, importOf(together), cell, firstLine, firstColumn);
                            remaining = afterBatch;
                            continue;
                        } catch (CellFailure rejected) {   // nothing ran: the imports go one by one, as JShell would
                            batchImports = false;
                        }
                    }
                }
                last = evaluateSnippet(code, source, importLine, cell, firstLine, firstColumn);
            }
            return last;
        } finally {
            control.clearValues();
        }
    }

    /**
     * @param importLine {@code source} {@linkplain #importOf normalized} if it is an import snippet, else null
     * @param firstLine  cell line where {@code source} starts (compile positions and stack-trace lines count from
     *                   there)
     * @param firstColumn column of that line where {@code source} starts (another snippet may come before it)
     */
    private Object evaluateSnippet(String cellCode, String source, String importLine, int cell, int firstLine,
                                   int firstColumn) {
        if (importLine != null && activeImports.contains(importLine)) {
            return null;                // already in effect: evaluating it again would change nothing
        }
        Optional<ConstantStrings.TooLong> tooLong = ConstantStrings.tooLong(source);
        if (tooLong.isPresent()) {
            throw CellErrors.compilation(cellCode, List.of(constantTooLong(source, firstLine, tooLong.get())));
        }
        if (StandaloneExpression.recognizes(source)) {
            Object value = evaluateAsObjectVariable(source, cell, firstLine);
            if (value != NOT_DEFINED) {
                return value;
            }
        }
        Object value = null;
        upkeep.compiling();
        for (SnippetEvent event : shell.eval(source)) {
            if (event.causeSnippet() != null) {
                continue;                                    // a dependent snippet was updated: not this cell's result
            }
            Snippet snippet = event.snippet();
            errors.snippetAt(snippet.id(), cell, firstLine);
            if (event.status() == Snippet.Status.REJECTED) {
                List<CellErrors.CompileError> compileErrors = shell.diagnostics(snippet)
                        .filter(Diag::isError)
                        .map(diag -> CellErrors.compileError(diag, source, firstLine, firstColumn))
                        .toList();
                if (compileErrors.isEmpty()) {
                    throw new CellFailure("CompilationException", "the code cannot be compiled",
                            List.of("cell line " + firstLine + ": the code cannot be compiled"));
                }
                throw CellErrors.compilation(cellCode, compileErrors);
            }
            try {
                if (event.exception() != null) {
                    throw errors.runtime(event.exception());
                }
                if (importLine != null && snippet.kind() == Snippet.Kind.IMPORT) {
                    activeImports.addAll(List.of(IMPORT_END.split(importLine)));    // each import of the snippet
                }
                Object computed = control.takeValue(event.value());
                value = isExpression(snippet) ? computed : null;
            } finally {
                if (snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                    shell.drop(snippet);    // nobody refers to $12 in a notebook; kept, every later compile grows
                }
            }
        }
        return value;
    }

    /**
     * Evaluates a {@linkplain StandaloneExpression standalone expression} as the initializer of an {@code Object}
     * variable of one fixed name. The variable is declared again by the next such expression, which replaces it in
     * JShell, and is never dropped: JShell's {@code drop} made each later evaluation slower (5 ms to 385 ms over 300
     * evaluations), while a replaced declaration costs nothing later. Its value is cleared once taken
     * ({@link CellExecutionControl}), so it keeps no object alive.
     *
     * @return its value, or {@link #NOT_DEFINED} if JShell did not define the variable (a compile error, an
     *         unresolved name): then nothing ran, and the caller evaluates the snippet as JShell does, so errors read
     *         the same as for any other snippet
     * @throws CellFailure if the expression threw
     */
    private Object evaluateAsObjectVariable(String expression, int cell, int firstLine) {
        Object value = NOT_DEFINED;
        upkeep.compiling();
        for (SnippetEvent event : shell.eval(VALUE_VARIABLE + StandaloneExpression.withoutSemicolon(expression) + ";")) {
            if (event.causeSnippet() != null) {
                continue;
            }
            if (event.status() != Snippet.Status.VALID) {
                return NOT_DEFINED;
            }
            errors.snippetAt(event.snippet().id(), cell, firstLine);
            if (event.exception() != null) {
                throw errors.runtime(event.exception());
            }
            value = control.takeValue(event.value());
        }
        return value;
    }

    /** The compile error javac would give for {@code tooLong}, said before JShell sees the snippet. */
    private static CellErrors.CompileError constantTooLong(String source, int firstLine, ConstantStrings.TooLong tooLong) {
        int lineStart = source.lastIndexOf('\n', tooLong.offset() - 1) + 1;
        int column = tooLong.offset() - lineStart;
        return new CellErrors.CompileError(lineOf(source, tooLong.offset()) + firstLine - 1, column, column + 1,
                String.format(Locale.ROOT, "constant string too long: %,d bytes in the class file, where at most %,d "
                        + "fit; split it, or read the text from a file", tooLong.bytes(), ConstantStrings.MAX_BYTES));
    }

    private static boolean isExpression(Snippet snippet) {
        return snippet instanceof ExpressionSnippet
                || snippet instanceof VarSnippet && snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
    }

    /** JShell's source analysis, for completion, inspection and completeness checks. */
    public SourceCodeAnalysis analysis() {
        return shell.sourceCodeAnalysis();
    }

    /** The variables cells declared so far (not the kernel's own value variable). */
    public Stream<VarSnippet> variables() {
        return shell.variables().filter(v -> !v.name().equals(CellExecutionControl.VALUE_VARIABLE));
    }

    /** The methods cells declared so far that are still defined. */
    public Stream<MethodSnippet> methods() {
        return shell.methods().filter(m -> shell.status(m).isDefined());
    }

    /** The classes, interfaces, enums and records cells declared so far that are still defined. */
    public Stream<TypeDeclSnippet> types() {
        return shell.types().filter(t -> shell.status(t).isDefined());
    }

    /** The value of a cell variable as JShell prints it ({@code "text"} for a string). */
    public String valueOf(VarSnippet variable) {
        try {
            return shell.varValue(variable);
        } catch (IllegalStateException | IllegalArgumentException e) {
            return "";                                 // not defined any more, or no value yet
        }
    }

        /** Makes a jar or folder visible to the compiler and to cell code. */
    public void addToClasspath(String path) {
        shell.addToClasspath(path);
    }

    /** The loader of cell classes (a {@code URLClassLoader} that also serves cell class bytes). */
    public CellClassLoader loader() {
        return loader;
    }

    @Override
    public void close() {
        shell.close();
    }

    /**
     * The cell's text from {@code start} up to where {@code remaining} begins: consecutive on-demand imports, which
     * JShell takes as one import snippet and compiles once. Its first import is never one already in effect, so the
     * snippet never replaces an earlier one (JShell keys an import snippet by its first import).
     */
    private static String importsTogether(String code, int start, String remaining) {
        String together = code.substring(start, code.length() - remaining.length()).stripTrailing();
        return together.endsWith(";") ? together : together + ";";
    }

    /** What follows the on-demand imports at the start of {@code remaining}. */
    private static String afterOnDemandImports(SourceCodeAnalysis analysis, String remaining) {
        for (SourceCodeAnalysis.CompletionInfo next = analysis.analyzeCompletion(remaining);
             next.completeness().isComplete() && isOnDemand(importOf(next.source()));
             next = analysis.analyzeCompletion(remaining)) {
            remaining = next.remaining();
        }
        return remaining;
    }

    private static boolean isOnDemand(String importLine) {
        return importLine != null && ON_DEMAND_IMPORT.matcher(importLine).matches();
    }

    /**
     * An import snippet without comments, with no blanks around dots, single blanks elsewhere and a semicolon after
     * each import, so equal imports compare equal ({@code "// setup\nimport java . util.*"} gives
     * {@code "import java.util.*;"}); {@code null} if {@code source} is not an import.
     */
    static String importOf(String source) {
        if (!source.contains("import")) {
            return null;
        }
        String code = COMMENT.matcher(source).replaceAll(" ");
        code = StandaloneExpression.withoutSemicolon(code).replaceAll("\\s*([.;])\\s*", "$1").replaceAll("\\s+", " ")
                .replace(";", "; ");
        return code.startsWith("import ") ? code + ";" : null;
    }


    /** Where {@code source} (JShell may have appended a semicolon) starts in {@code code}, searching from {@code from}. */
    private static int startOf(String source, String code, int from) {
        String probe = source.endsWith(";") ? source.substring(0, source.length() - 1) : source;
        int index = probe.isEmpty() ? -1 : code.indexOf(probe, from);
        return index < 0 ? from : index;
    }

    /** The 1-based line of {@code offset} in {@code text}. */
    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
