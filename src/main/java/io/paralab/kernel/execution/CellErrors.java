package io.paralab.kernel.execution;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShellException;
import jdk.jshell.UnresolvedReferenceException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns what JShell reports into {@link CellFailure}s that point at lines of the notebook cell: compile errors with
 * the offending line and a marker under the error, runtime exceptions with a stack trace that stops at the cell (no
 * kernel, reflection or JShell frames) and names cell lines instead of JShell snippet ids.
 *
 * <pre>{@code
 * CellErrors errors = new CellErrors();
 * errors.snippetAt("12", 4, 3);                 // snippet 12 starts at line 3 of cell [4]
 * throw errors.compilation(cellSource, List.of(new CellErrors.CompileError(3, 7, 9, "cannot find symbol")));
 * }</pre>
 */
final class CellErrors {

    /** A compile error: cell line (1-based), column range on that line (0-based, end exclusive), message. */
    record CompileError(int line, int startColumn, int endColumn, String message) {
    }

    private record SnippetOrigin(int cell, int firstLine) {
    }

    private final Map<String, SnippetOrigin> origins = new ConcurrentHashMap<>();

    /** Records that snippet {@code id} was cut from cell {@code [cell]} starting at cell line {@code firstLine}. */
    void snippetAt(String id, int cell, int firstLine) {
        origins.put(id, new SnippetOrigin(cell, firstLine));
    }

    /**
     * Converts a JShell diagnostic on {@code snippetSource}, which starts at column {@code firstColumn} of cell line
     * {@code firstLine} (a snippet may follow another on the same line).
     */
    static CompileError compileError(Diag diag, String snippetSource, int firstLine, int firstColumn) {
        int start = (int) Math.max(0, Math.min(diag.getStartPosition(), snippetSource.length()));
        int end = (int) Math.max(start, Math.min(diag.getEndPosition(), snippetSource.length()));
        int lineStart = snippetSource.lastIndexOf('\n', start - 1) + 1;
        int line = firstLine + (int) snippetSource.substring(0, start).chars().filter(c -> c == '\n').count();
        int lineEnd = snippetSource.indexOf('\n', start);
        int endColumn = Math.min(end, lineEnd < 0 ? snippetSource.length() : lineEnd) - lineStart;
        int shift = lineStart == 0 ? firstColumn : 0;
        return new CompileError(line, start - lineStart + shift, Math.max(endColumn, start - lineStart + 1) + shift,
                summary(diag.getMessage(Locale.ROOT)));
    }

    /** A failure listing every compile error with its cell line and a marker under the code. */
    static CellFailure compilation(String cellSource, List<CompileError> errors) {
        String[] lines = cellSource.split("\n", -1);
        List<String> traceback = new ArrayList<>();
        for (CompileError error : errors) {
            traceback.add("cell line " + error.line() + ": error: " + error.message());
            if (error.line() >= 1 && error.line() <= lines.length) {
                String code = lines[error.line() - 1];
                traceback.add("    " + code);
                int from = Math.min(error.startColumn(), code.length());
                int to = Math.max(from + 1, Math.min(error.endColumn(), code.length()));
                traceback.add("    " + " ".repeat(from) + "^".repeat(to - from));
            }
        }
        CompileError first = errors.get(0);
        return new CellFailure("CompilationException",
                "cell line " + first.line() + ": " + first.message(), traceback);
    }

    /**
     * What JJava's {@code lineMagic}/{@code cellMagic} statics wrap a magic's failure in: the magic's own exception
     * is its cause.
     */
    private static final Pattern MAGIC_FAILURE =
            Pattern.compile("(?s)Exception occurred while running (line|cell) magic '([^']*)': .*");
    private static final String UNDEFINED_MAGIC = "org.dflib.jjava.jupyter.kernel.magic.UndefinedMagicException";

    /**
     * A failure for an exception thrown by cell code, with the stack trace cut at the cell. A magic that failed
     * (bad arguments, a file not found, an artifact not resolved) or was unknown gives its message alone, prefixed by
     * the magic's name, with no stack trace: the problem is in what the cell asked, not in code.
     */
    CellFailure runtime(JShellException exception) {
        Optional<CellFailure> magic = magicFailure(exception);
        if (magic.isPresent()) {
            return magic.get();
        }
        List<String> traceback = new ArrayList<>();
        String name = describe(exception, traceback, "");
        return new CellFailure(name, messageOf(exception), traceback);
    }

    private static Optional<CellFailure> magicFailure(Throwable exception) {
        String name = exceptionName(exception);
        if (name.equals(UNDEFINED_MAGIC) || name.endsWith("$UnknownMagicException")) {
            String message = messageOf(exception);
            return Optional.of(new CellFailure("UnknownMagic", message, List.of(message)));
        }
        Matcher wrapped = MAGIC_FAILURE.matcher(messageOf(exception));
        if (!name.equals("java.lang.RuntimeException") || !wrapped.matches() || exception.getCause() == null) {
            return Optional.empty();
        }
        Throwable cause = exception.getCause();
        String causeName = exceptionName(cause);
        if (!isMagicArgumentProblem(causeName)) {
            return Optional.empty();
        }
        String magic = (wrapped.group(1).equals("line") ? "%" : "%%") + wrapped.group(2);
        String message = magic + ": " + messageOf(cause);
        return Optional.of(new CellFailure(causeName.substring(causeName.lastIndexOf('.') + 1), message,
                List.of(message.split("\n"))));
    }

    /** Exceptions that say what was wrong with a magic's input, not where code went wrong. */
    private static boolean isMagicArgumentProblem(String exceptionClass) {
        return exceptionClass.equals("java.lang.IllegalArgumentException")
                || exceptionClass.equals("java.io.FileNotFoundException")
                || exceptionClass.equals("java.nio.file.NoSuchFileException")
                || exceptionClass.endsWith("MagicArgsParseException")
                || exceptionClass.equals("io.paralab.kernel.dependencies.ResolutionException");
    }

    private String describe(Throwable exception, List<String> traceback, String prefix) {
        String name = exceptionName(exception);
        String message = messageOf(exception);
        traceback.add(prefix + name + (message.isEmpty() ? "" : ": " + message));
        for (StackTraceElement frame : cellFrames(exception.getStackTrace())) {
            traceback.add("\tat " + frameText(frame));
        }
        if (exception.getCause() != null && exception.getCause() != exception) {
            describe(exception.getCause(), traceback, "Caused by: ");
        }
        return name;
    }

    private static String exceptionName(Throwable exception) {
        if (exception instanceof EvalException eval) {
            return eval.getExceptionClassName();
        }
        if (exception instanceof UnresolvedReferenceException) {
            return "UnresolvedReferenceException";
        }
        return exception.getClass().getName();
    }

    private static String messageOf(Throwable exception) {
        if (exception instanceof UnresolvedReferenceException unresolved) {
            return unresolved.getSnippet() + " is used but not yet defined: define what it references first";
        }
        return exception.getMessage() == null ? "" : exception.getMessage();
    }

    /** The frames down to the last one in cell code; all frames up to the kernel when none is in cell code. */
    static List<StackTraceElement> cellFrames(StackTraceElement[] frames) {
        int last = -1;
        for (int i = 0; i < frames.length; i++) {
            if (isCellFrame(frames[i])) {
                last = i;
            }
        }
        if (last < 0) {
            last = frames.length - 1;
            for (int i = 0; i < frames.length; i++) {
                if (isKernelFrame(frames[i])) {
                    last = i - 1;
                    break;
                }
            }
        }
        return List.of(frames).subList(0, last + 1);
    }

    /** JShell reports frames of cell code with the snippet id as file name, e.g. {@code #12}. */
    private static boolean isCellFrame(StackTraceElement frame) {
        return frame.getClassName().startsWith("REPL.")
                || frame.getFileName() != null && frame.getFileName().startsWith("#");
    }

    private static boolean isKernelFrame(StackTraceElement frame) {
        String type = frame.getClassName();
        return type.startsWith("jdk.internal.reflect.") || type.startsWith("java.lang.reflect.")
                || type.startsWith("io.paralab.kernel.") || type.startsWith("jdk.jshell.");
    }

    private String frameText(StackTraceElement frame) {
        if (!isCellFrame(frame)) {
            return frame.toString();
        }
        String method = frame.getMethodName().isEmpty() || frame.getMethodName().startsWith("do_it$")
                ? "" : frame.getMethodName();
        String typeName = frame.getClassName().replaceFirst("^REPL\\.\\$JShell\\$\\d+\\$?", "");
        String qualified = typeName.isEmpty() ? method : typeName + "." + method;
        String file = frame.getFileName();
        SnippetOrigin origin = file == null || !file.startsWith("#") ? null : origins.get(file.substring(1));
        String where = origin == null || frame.getLineNumber() < 1
                ? file + ":" + frame.getLineNumber()
                : "cell [" + origin.cell() + "] line " + (origin.firstLine() + frame.getLineNumber() - 1);
        return qualified.isEmpty() ? where : qualified + "(" + where + ")";
    }

    /**
     * The first line of a compiler message, with the symbol it is about when javac names it on a later line:
     * {@code cannot find symbol: variable total} rather than {@code cannot find symbol}.
     */
    static String summary(String message) {
        String first = firstLineOf(message);
        for (String line : message.split("\n")) {
            String detail = line.strip();
            if (detail.startsWith("symbol:")) {
                return first + ": " + detail.substring("symbol:".length()).strip().replaceAll("\\s+", " ");
            }
        }
        return first;
    }

    private static String firstLineOf(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
