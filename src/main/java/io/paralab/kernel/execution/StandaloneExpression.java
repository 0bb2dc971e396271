package io.paralab.kernel.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recognizes snippets that are standalone Java expressions which cannot be {@code void}: literals, field and array
 * access, arithmetic, comparisons, casts, assignments, increments — anything whose last token is not a closing
 * parenthesis (a method call might return nothing) and that holds no lambda, method reference, block, comment or
 * declaration, and is not a lone name. Such a snippet means the same as the initializer of an {@code Object}
 * variable, which JShell compiles in two compiler passes; JShell's own path for an expression takes four (two of
 * them to infer the type of its {@code $1} variable). Measured in-process, {@code 1 + 1} takes about half the CPU
 * time that way; an expression that reads cell variables ({@code y + 1}) costs about the same either way, because
 * JShell's dependency work dominates. {@link CellEvaluator} falls back to JShell's path whenever the variable does
 * not compile, so the check only has to be conservative, never complete.
 *
 * <pre>{@code
 * StandaloneExpression.recognizes("1 + 1");            // true
 * StandaloneExpression.recognizes("list.size()");      // false: ends with a call
 * StandaloneExpression.recognizes("int x = 1");        // false: a declaration
 * }</pre>
 */
final class StandaloneExpression {

    /** Words that start a statement or declaration, never an expression. */
    private static final Set<String> STATEMENT_WORDS = Set.of("if", "for", "while", "do", "switch", "try",
            "synchronized", "throw", "return", "assert", "break", "continue", "else", "case", "default", "import",
            "package", "class", "interface", "enum", "record", "final", "static", "abstract", "public", "private",
            "protected", "var", "yield", "void");

    private sealed interface Token {
    }

    private record Word(String text) implements Token {
    }

    private record Literal() implements Token {
    }

    private record Symbol(char c) implements Token {
    }

    private StandaloneExpression() {
    }

    /**
     * Whether {@code snippet} (one JShell snippet, a trailing semicolon allowed) is an expression that can be compiled
     * as {@code Object v = snippet;} with the same meaning.
     */
    static boolean recognizes(String snippet) {
        List<Token> tokens = tokens(withoutSemicolon(snippet));
        if (tokens == null || tokens.isEmpty()) {
            return false;
        }
        if (tokens.getFirst() instanceof Word(String first) && (STATEMENT_WORDS.contains(first) || tokens.size() == 1)) {
            return false;                // a lone name: JShell shows a variable's value in fewer passes than this
        }
        if (tokens.getLast() instanceof Symbol(char last) && last == ')') {
            return false;
        }
        boolean angleOpened = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token instanceof Symbol(char c) && c == '<') {
                angleOpened = true;
            }
            if (i > 0 && token instanceof Word) {
                Token before = tokens.get(i - 1);
                boolean declarationLike = before instanceof Word                       // Type name, new Foo, x instanceof T
                        || before instanceof Symbol(char b) && (b == ']' || b == '>' && angleOpened);  // T[] a, List<T> a
                if (declarationLike) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The snippet's source without a trailing semicolon and blanks. */
    static String withoutSemicolon(String snippet) {
        String text = snippet.strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        return text;
    }

    /** The tokens of {@code text}, or {@code null} if it holds something this check does not handle. */
    private static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isJavaIdentifierStart(c)) {
                int start = i;
                while (i < text.length() && Character.isJavaIdentifierPart(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Word(text.substring(start, i)));
            } else if (Character.isDigit(c) || c == '.' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1))) {
                i = endOfNumber(text, i);
                tokens.add(new Literal());
            } else if (c == '"' || c == '\'') {
                if (text.startsWith("\"\"\"", i)) {
                    return null;                                     // text block
                }
                i = endOfQuoted(text, i);
                if (i < 0) {
                    return null;
                }
                tokens.add(new Literal());
            } else if ("{}@#\\`".indexOf(c) >= 0 || text.startsWith("//", i) || text.startsWith("/*", i)
                    || text.startsWith("->", i) || text.startsWith("::", i)) {
                return null;                                         // blocks, annotations, comments, lambdas
            } else {
                tokens.add(new Symbol(c));
                i++;
            }
        }
        return tokens;
    }

    private static int endOfNumber(String text, int i) {
        boolean hex = text.startsWith("0x", i) || text.startsWith("0X", i);
        i++;
        while (i < text.length()) {
            char c = text.charAt(i);
            char before = text.charAt(i - 1);
            boolean exponentSign = (c == '+' || c == '-')
                    && (hex ? before == 'p' || before == 'P' : before == 'e' || before == 'E');
            if (!Character.isLetterOrDigit(c) && c != '_' && c != '.' && !exponentSign) {
                break;
            }
            i++;
        }
        return i;
    }

    /** The index after the string or char literal starting at {@code start}, or -1 if it does not end on its line. */
    private static int endOfQuoted(String text, int start) {
        char quote = text.charAt(start);
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i + 1;
            } else if (c == '\n') {
                return -1;
            }
        }
        return -1;
    }
}
