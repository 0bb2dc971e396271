package io.paralab.kernel.assist;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Contextual help (Shift+Tab, {@code inspect_request}): the signatures and Javadoc JShell knows for the identifier
 * under or just before the cursor, else the type of a cell variable of that name.
 *
 * <pre>{@code
 * DisplayData help = CodeInspection.inspect("String", 6, DetailLevel.SIGNATURES, analysis, evaluator.variables());
 * }</pre>
 */
public final class CodeInspection {

    /** How much an inspection shows: the Javadoc of the first match only, or of every match. */
    public enum DetailLevel {
        /** Every signature, and the Javadoc of the first (the JDK's from its {@code src.zip}, when present). */
        SIGNATURES,
        /** Signatures and the Javadoc of every match. */
        FULL
    }

    private static final Pattern IDENTIFIER_BEFORE = Pattern.compile("[\\w$.]*$");

    private CodeInspection() {
    }

    /**
     * The help text for the identifier at {@code at} in {@code code}, or null when nothing is known of it.
     *
     * @param variables the session's variables, newest last (the last of a name wins)
     */
    public static DisplayData inspect(String code, int at, DetailLevel detail, SourceCodeAnalysis analysis,
                                      Stream<VarSnippet> variables) {
        int end = identifierEnd(code, at);
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(code, end, true);
        if (docs.isEmpty()) {
            docs = analysis.documentation(code.substring(0, end) + "(", end + 1, true);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < docs.size(); i++) {
            SourceCodeAnalysis.Documentation doc = docs.get(i);
            text.append(doc.signature()).append('\n');
            if (detail == DetailLevel.FULL || i == 0) {
                Optional.ofNullable(doc.javadoc()).filter(j -> !j.isBlank())
                        .ifPresent(javadoc -> text.append(JavadocText.plain(javadoc)).append("\n\n"));
            }
        }
        if (text.isEmpty()) {
            Matcher identifier = IDENTIFIER_BEFORE.matcher(code.substring(0, end));
            String name = identifier.find() ? identifier.group() : "";
            variables.filter(v -> v.name().equals(name)).reduce((a, b) -> b)
                    .ifPresent(v -> text.append(v.typeName()).append(' ').append(v.name()));
        }
        return text.isEmpty() ? null : new DisplayData(text.toString().strip());
    }

    /** Moves the cursor to the end of the identifier it is in or right after. */
    private static int identifierEnd(String code, int at) {
        int end = Math.min(Math.max(at, 0), code.length());
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        return end;
    }
}
