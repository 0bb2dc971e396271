package io.paralab.kernel.assist;

import jdk.jshell.SourceCodeAnalysis;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Answers Jupyter's {@code is_complete_request} for Java: {@code complete}; {@code incomplete} with the indent for
 * the next line (an open block, parenthesis or statement); or {@code invalid} when no text appended can make the code
 * compile (a closing bracket without its opening one, a {@linkplain LexicalErrors lexical error}, or code JShell
 * cannot classify at all).
 *
 * <pre>{@code
 * CodeCompleteness.check("for (int i = 0; i < 3; i++) {", analysis);   // Verdict("incomplete", "    ")
 * }</pre>
 */
public final class CodeCompleteness {

    /** {@code status} is {@code complete}, {@code incomplete} or {@code invalid}; {@code indent} only for incomplete. */
    public record Verdict(String status, String indent) {
        static final Verdict COMPLETE = new Verdict("complete", "");
        static final Verdict INVALID = new Verdict("invalid", "");
    }

    private CodeCompleteness() {
    }

    /** Classifies {@code code} (magics already translated) with JShell's source analysis. */
    public static Verdict check(String code, SourceCodeAnalysis analysis) {
        if (hasUnmatchedCloser(code) || LexicalErrors.present(code)) {
            return Verdict.INVALID;
        }
        String remaining = code;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case COMPLETE, COMPLETE_WITH_SEMI -> remaining = info.remaining();
                case EMPTY -> remaining = "";
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
                    return new Verdict("incomplete", nextIndent(code));
                }
                default -> {
                    return Verdict.INVALID;
                }
            }
        }
        return Verdict.COMPLETE;
    }

    /** The indent of the last non-blank line, plus four spaces when it opens a block or parenthesis. */
    static String nextIndent(String code) {
        String[] lines = code.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i];
            if (!line.isBlank()) {
                String indent = line.substring(0, line.length() - line.stripLeading().length());
                String end = line.strip();
                boolean opens = end.endsWith("{") || end.endsWith("(") || end.endsWith("[");
                return opens ? indent + "    " : indent;
            }
        }
        return "";
    }

    /** Whether a {@code )}, {@code ]} or {@code }} closes nothing or the wrong bracket (outside strings/comments). */
    static boolean hasUnmatchedCloser(String code) {
        Deque<Character> open = new ArrayDeque<>();
        int i = 0;
        int n = code.length();
        while (i < n) {
            char c = code.charAt(i);
            if (c == '/' && i + 1 < n && code.charAt(i + 1) == '/') {
                int end = code.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && code.charAt(i + 1) == '*') {
                int end = code.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (code.startsWith("\"\"\"", i)) {
                int end = code.indexOf("\"\"\"", i + 3);
                i = end < 0 ? n : end + 3;
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < n && code.charAt(i) != c && code.charAt(i) != '\n') {
                    i += code.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else {
                if (c == '(' || c == '[' || c == '{') {
                    open.push(c);
                } else if (c == ')' || c == ']' || c == '}') {
                    char expected = c == ')' ? '(' : c == ']' ? '[' : '{';
                    if (open.isEmpty() || open.pop() != expected) {
                        return true;
                    }
                }
                i++;
            }
        }
        return false;
    }
}
