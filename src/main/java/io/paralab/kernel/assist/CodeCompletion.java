package io.paralab.kernel.assist;

import jdk.jshell.SourceCodeAnalysis;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tab completion: magic names after {@code %} or {@code %%} at the start of a line, else JShell's suggestions for
 * the Java code up to the cursor.
 *
 * <pre>{@code
 * ReplacementOptions options = new CodeCompletion(registry).complete("Str", 3, shell.sourceCodeAnalysis());
 * }</pre>
 */
public final class CodeCompletion {

    private static final Pattern MAGIC_PREFIX = Pattern.compile("(?m)^(\\s*)(%%?)(\\w*)$");

    private final MagicsRegistry magics;

    /** Completes magic names from {@code magics}. */
    public CodeCompletion(MagicsRegistry magics) {
        this.magics = magics;
    }

    /** The completions of {@code code} at cursor {@code at} and the range of text they replace. */
    public ReplacementOptions complete(String code, int at, SourceCodeAnalysis analysis) {
        String upToCursor = code.substring(0, Math.min(at, code.length()));
        int lineStart = upToCursor.lastIndexOf('\n') + 1;
        Matcher magic = MAGIC_PREFIX.matcher(upToCursor.substring(lineStart));
        if (magic.matches()) {
            boolean cellMagic = magic.group(2).equals("%%");
            List<String> names = (cellMagic ? magics.getCellMagicNames() : magics.getLineMagicNames())
                    .stream().filter(n -> n.startsWith(magic.group(3))).sorted().toList();
            int start = lineStart + magic.start(3);
            return new ReplacementOptions(names, start, at);
        }
        int[] anchor = new int[1];
        List<String> suggestions = analysis.completionSuggestions(code, at, anchor).stream()
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .toList();
        return new ReplacementOptions(suggestions, anchor[0], at);
    }
}
