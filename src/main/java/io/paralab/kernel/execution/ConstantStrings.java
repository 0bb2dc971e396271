package io.paralab.kernel.execution;

import java.util.Optional;

/**
 * Finds string literals too long for a class file. A class file stores a string constant in modified UTF-8 with a
 * two-byte length, so a literal of more than 65,535 bytes cannot be compiled; javac reports it ("constant string
 * too long") only when it writes the class, after JShell has taken the snippet in, and JShell then reports
 * unrelated errors and leaves its state broken for later snippets. {@link CellEvaluator} checks each snippet first
 * and gives JShell nothing when a literal is too long.
 *
 * <pre>{@code
 * ConstantStrings.tooLong("String s = \"" + "x".repeat(70_000) + "\";");   // Optional[at 11: 70,000 bytes]
 * ConstantStrings.tooLong("String s = \"short\";");                        // Optional.empty
 * }</pre>
 */
final class ConstantStrings {

    /** The longest string constant a class file holds, in bytes of modified UTF-8. */
    static final int MAX_BYTES = 65_535;

    /** A literal that is too long: where it starts in the source and its length in class-file bytes. */
    record TooLong(int offset, int bytes) {
    }

    private ConstantStrings() {
    }

    /** The first string literal or text block in {@code source} longer than {@link #MAX_BYTES}, if any. */
    static Optional<TooLong> tooLong(String source) {
        if (source.length() <= MAX_BYTES / 3) {
            return Optional.empty();                              // no literal in it can reach the limit
        }
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                i = endOf(source, "\n", i + 2);
            } else if (source.startsWith("/*", i)) {
                i = endOf(source, "*/", i + 2);
            } else if (source.startsWith("\"\"\"", i)) {
                int end = closingQuote(source, i + 3, "\"\"\"");
                Optional<TooLong> found = check(source, i, source.substring(i + 3, Math.max(i + 3, end - 3)));
                if (found.isPresent()) {
                    return found;
                }
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = closingQuote(source, i + 1, String.valueOf(c));
                if (c == '"') {
                    Optional<TooLong> found = check(source, i, source.substring(i + 1, Math.max(i + 1, end - 1)));
                    if (found.isPresent()) {
                        return found;
                    }
                }
                i = end;
            } else {
                i++;
            }
        }
        return Optional.empty();
    }

    private static Optional<TooLong> check(String source, int offset, String rawContent) {
        if (rawContent.length() <= MAX_BYTES / 3) {
            return Optional.empty();
        }
        String value;
        try {
            value = rawContent.translateEscapes();
        } catch (IllegalArgumentException badEscape) {
            value = rawContent;                                   // javac reports the escape itself
        }
        int bytes = modifiedUtf8Length(value);
        return bytes > MAX_BYTES ? Optional.of(new TooLong(offset, bytes)) : Optional.empty();
    }

    /** The length of {@code text} in the class file's modified UTF-8. */
    static int modifiedUtf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c >= 1 && c <= 0x7F ? 1 : c <= 0x7FF ? 2 : 3;
        }
        return bytes;
    }

    /** The index after the closing {@code quote} at or after {@code from}, skipping escapes; the end if none. */
    private static int closingQuote(String source, int from, String quote) {
        for (int i = from; i < source.length(); i++) {
            if (source.charAt(i) == '\\') {
                i++;
            } else if (source.startsWith(quote, i)) {
                return i + quote.length();
            } else if (source.charAt(i) == '\n' && quote.length() == 1) {
                return i;                                          // unclosed on its line: javac says so
            }
        }
        return source.length();
    }

    private static int endOf(String source, String terminator, int from) {
        int end = source.indexOf(terminator, from);
        return end < 0 ? source.length() : end + terminator.length();
    }
}
