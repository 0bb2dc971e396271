package io.paralab.kernel.execution.jshell;

import jdk.jshell.JShell;

import java.lang.reflect.Field;
import java.util.Map;

import static io.paralab.kernel.execution.jshell.JShellFields.field;

/**
 * Drops the import lines JShell keeps in the generated class source of every snippet it compiled. JShell compiles
 * each snippet as a class whose source starts with {@code package REPL;}, then one {@code import static} of every
 * declaration in effect, then the class; it keeps that source (twice: its pieces and their joined text) for the
 * whole session, so a long session's heap grows with the square of its declarations. The source is read again only
 * for its class name, its line structure (JShell maps stack-trace lines through it) and by
 * {@code SourceCodeAnalysis.wrapper}; a snippet compiled again (a dependent of a changed declaration) gets a new
 * source built from its own code. After {@link #trimCompiled()}, each compiled class source keeps its first and last
 * header line and its line breaks (the package line, an empty line, the class line), so the same lines hold.
 *
 * <p>JShell offers no way to do this: it works on five of {@code jdk.jshell}'s package-private fields through
 * reflection, which needs {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED} (the kernel jar's manifest says it,
 * so {@code java -jar paralab.jar kernel} has it). If the package is not open, or the fields or the source are not
 * as JDK 25's {@code jdk.jshell} makes them, it does nothing and says why in one line on standard error, once; it
 * never fails a cell. Parse failures' snippets ({@code Snippet.Kind.ERRONEOUS}) keep their source. Not thread-safe:
 * call it where the shell is evaluated, between evaluations.
 *
 * <pre>{@code
 * SnippetWrapTrimmer wraps = SnippetWrapTrimmer.of(shell);
 * shell.eval("int a = 1;");
 * wraps.trimCompiled();        // a's class source keeps its lines, not the imports of earlier declarations
 * }</pre>
 */
final class SnippetWrapTrimmer {

    /** Whether {@link #trimCompiled()} trims. */
    enum State { TRIMMING, DISABLED }

    private static final String HEADER_START = "package ";
    private static final Access ACCESS = Access.find();

    private final Map<?, ?> classSources;
    private State state;

    private SnippetWrapTrimmer(Map<?, ?> classSources, State state) {
        this.classSources = classSources;
        this.state = state;
    }

    /** A trimmer of {@code shell}'s class sources; {@linkplain State#DISABLED disabled} if they cannot be reached. */
    static SnippetWrapTrimmer of(JShell shell) {
        if (ACCESS.problem() != null) {
            return new SnippetWrapTrimmer(Map.of(), State.DISABLED);
        }
        try {
            return new SnippetWrapTrimmer((Map<?, ?>) ACCESS.classSources().get(ACCESS.outerMap().get(shell)),
                    State.TRIMMING);
        } catch (ReflectiveOperationException | RuntimeException e) {
            disable("its snippet records are not as expected: " + e);
            return new SnippetWrapTrimmer(Map.of(), State.DISABLED);
        }
    }

    State state() {
        return state;
    }

    /**
     * Trims the class source of every snippet compiled so far that still holds its imports.
     *
     * @return how many class sources it trimmed (0 when {@linkplain State#DISABLED disabled})
     */
    int trimCompiled() {
        if (state == State.DISABLED) {
            return 0;
        }
        try {
            int trimmed = 0;
            for (Object source : classSources.values()) {
                if (trim(source)) {
                    trimmed++;
                }
            }
            return trimmed;
        } catch (ReflectiveOperationException | RuntimeException e) {
            state = State.DISABLED;
            disable("a class source is not as expected: " + e);
            return 0;
        }
    }

    /** How many class sources still hold text between their first and last header line, by the check trimming uses. */
    int untrimmed() {
        if (state == State.DISABLED) {
            return classSources.size();
        }
        try {
            int untrimmed = 0;
            for (Object source : classSources.values()) {
                if (!isTrimmed(header(parts(ACCESS.wrap().get(source))))) {
                    untrimmed++;
                }
            }
            return untrimmed;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean trim(Object source) throws ReflectiveOperationException {
        Object wrap = ACCESS.wrap().get(source);
        Object[] parts = parts(wrap);
        String header = header(parts);
        if (isTrimmed(header)) {
            return false;
        }
        String trimmed = withoutImports(header);
        String joined = (String) ACCESS.joinedText().get(wrap);
        if (!joined.startsWith(header)) {
            throw new IllegalStateException("the joined text does not start with its header");
        }
        parts[0] = trimmed;
        ACCESS.joinedText().set(wrap, trimmed + joined.substring(header.length()));
        return true;
    }

    private static Object[] parts(Object wrap) throws ReflectiveOperationException {
        if (!ACCESS.compoundWrap().isInstance(wrap)) {
            throw new IllegalStateException("a class source of " + wrap.getClass().getName());
        }
        return (Object[]) ACCESS.parts().get(wrap);
    }

    private static String header(Object[] parts) {
        if (parts.length < 2 || !(parts[0] instanceof String header) || !header.startsWith(HEADER_START)) {
            throw new IllegalStateException("a class source that does not start with \"" + HEADER_START + "\"");
        }
        return header;
    }

    /** Whether {@code header} has nothing but line breaks between its first line and its last line. */
    static boolean isTrimmed(String header) {
        int firstEnd = header.indexOf('\n');
        int lastStart = header.lastIndexOf('\n', header.length() - 2) + 1;
        for (int i = firstEnd + 1; i < lastStart; i++) {
            if (header.charAt(i) != '\n') {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code header} without the characters between its first line and its last line, line breaks kept: JShell counts
     * the lines of a header (a line break at index 0 excepted) to map stack-trace lines, so the count stays the same.
     */
    static String withoutImports(String header) {
        int firstEnd = header.indexOf('\n');
        int lastStart = header.lastIndexOf('\n', header.length() - 2) + 1;
        if (firstEnd < 0 || lastStart <= firstEnd + 1) {
            return header;
        }
        StringBuilder kept = new StringBuilder(header.substring(0, firstEnd + 1));
        for (int i = firstEnd + 1; i < lastStart; i++) {
            if (header.charAt(i) == '\n') {
                kept.append('\n');
            }
        }
        return kept.append(header, lastStart, header.length()).toString();
    }

    private static void disable(String reason) {
        System.err.println("paralab: JShell's generated class sources are kept whole (the heap grows faster over a "
                + "long session): " + reason);
    }

    /**
     * The fields of {@code jdk.jshell} the trimmer reads or writes: {@code JShell.outerMap},
     * {@code OuterWrapMap.classOuters} (every class source by class name), {@code OuterWrap.w},
     * {@code Wrap.CompoundWrap.os} (the pieces) and {@code Wrap.CompoundWrap.wrapped} (their joined text).
     */
    private record Access(Field outerMap, Field classSources, Field wrap, Class<?> compoundWrap,
                          Field parts, Field joinedText, String problem) {

        static Access find() {
            try {
                Class<?> compound = Class.forName("jdk.jshell.Wrap$CompoundWrap");
                Class<?> outerWrapMap = Class.forName("jdk.jshell.OuterWrapMap");
                return new Access(field(JShell.class, "outerMap", outerWrapMap),
                        field(outerWrapMap, "classOuters", Map.class),
                        field(Class.forName("jdk.jshell.OuterWrap"), "w", Class.forName("jdk.jshell.Wrap")),
                        compound, field(compound, "os", Object[].class),
                        field(compound, "wrapped", String.class), null);
            } catch (ReflectiveOperationException | RuntimeException e) {
                String problem = JShellFields.problem(e);
                disable(problem);
                return new Access(null, null, null, null, null, null, problem);
            }
        }
    }
}
