package io.paralab.kernel.execution.jshell;

import jdk.jshell.JShell;
import jdk.jshell.PersistentSnippet;
import jdk.jshell.Snippet;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.paralab.kernel.execution.jshell.JShellFields.field;

/**
 * Makes JShell import, into the class it compiles for a snippet, only the declarations the snippet's code names.
 * JShell compiles each snippet as a class whose source imports every variable, method and class declared so far, so
 * every cell compiles slower than the one before it: javac reads the class of each imported declaration again for
 * every compilation (JShell clears them from javac's symbol table after each one). A snippet that names {@code a12}
 * and {@code total} needs only those, so the imports of its class are cut to the declarations whose name occurs as
 * an identifier in its code (in a comment or a string too: one import too many is harmless), plus every class,
 * interface, enum and record declared in cells (JShell writes their simple names into the code it generates, such as
 * the type of a {@code var}) and every import snippet. A snippet JShell compiles again because a declaration it uses
 * changed is cut by its own code, so what it names is always imported.
 *
 * <p>Only compilations started on a thread inside {@link #filtering()} are cut: code completion and documentation,
 * which list what is in scope, see every declaration.
 *
 * <p>JShell has no API for this: it replaces two of {@code jdk.jshell}'s package-private fields through reflection
 * ({@code JShell.outerMap} with a {@link WrapMapHook} that says what it is about to wrap, and
 * {@code SnippetMaps.keyIndexToSnippet}, the list JShell walks to write the imports, with one that skips the
 * declarations not named), which needs {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED} (the kernel jar's
 * manifest says it). If that fails it changes nothing, says why in one line on standard error and JShell imports
 * everything as before. Install it on a new shell, before its first evaluation.
 *
 * <pre>{@code
 * SnippetImports imports = SnippetImports.install(shell);
 * try (SnippetImports.Scope scope = imports.filtering()) {
 *     shell.eval("int total = a12 + 1;");      // its class imports a12, not every earlier declaration
 * }
 * }</pre>
 */
final class SnippetImports {

    /** Whether compilations inside {@link #filtering()} get cut imports. */
    enum State { FILTERING, DISABLED }

    /** While open, compilations this thread starts import only what their code names. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u+([0-9a-fA-F]{4})");
    private static final Access ACCESS = Access.find();
    private static final Scope NO_SCOPE = () -> { };

    private final State state;
    private final NamedDeclarations declarations;
    /** The thread inside {@link #filtering()}, if any. */
    private volatile Thread filteringThread;

    private SnippetImports(State state, NamedDeclarations declarations) {
        this.state = state;
        this.declarations = declarations;
    }

    /**
     * Installs the filter in {@code shell}, which must not have evaluated anything yet.
     *
     * @return the filter, {@linkplain State#DISABLED disabled} (and {@code shell} unchanged) if JShell's fields cannot
     *         be reached or replaced
     */
    static SnippetImports install(JShell shell) {
        if (ACCESS.problem() != null) {
            return new SnippetImports(State.DISABLED, null);
        }
        NamedDeclarations declarations = new NamedDeclarations();
        SnippetImports imports = new SnippetImports(State.FILTERING, declarations);
        try {
            Object maps = ACCESS.maps().get(shell);
            declarations.addAll((List<Snippet>) ACCESS.snippetsByKey().get(maps));
            Object hook = WrapMapHook.newMap(shell, imports::aboutToWrap);
            ACCESS.snippetsByKey().set(maps, declarations);
            ACCESS.outerMap().set(shell, hook);
            return imports;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            disable("JShell's records are not as expected: " + e);
            return new SnippetImports(State.DISABLED, null);
        }
    }

    State state() {
        return state;
    }

    /** Cuts the imports of the compilations the calling thread starts until the scope is closed. */
    Scope filtering() {
        if (state == State.DISABLED) {
            return NO_SCOPE;
        }
        filteringThread = Thread.currentThread();
        return () -> filteringThread = null;
    }

    /** From the map: JShell is about to wrap {@code code} (a {@code List<Snippet>}, or trial code as a string). */
    private void aboutToWrap(Object code) {
        if (filteringThread != Thread.currentThread()) {
            declarations.named.remove();
            return;
        }
        Set<String> names;
        if (code instanceof String trial) {
            names = identifiers(trial);
        } else {
            names = new HashSet<>();
            for (Object snippet : (Collection<?>) code) {
                names.addAll(identifiers(((Snippet) snippet).source()));
            }
        }
        declarations.named.set(names);
    }

    /** Every Java identifier in {@code source} (and keyword: they are never declaration names), escapes decoded. */
    static Set<String> identifiers(String source) {
        String text = source.contains("\\u") ? decodeEscapes(source) : source;
        Set<String> identifiers = new HashSet<>();
        int i = 0;
        while (i < text.length()) {
            if (Character.isJavaIdentifierStart(text.charAt(i))) {
                int start = i;
                do {
                    i++;
                } while (i < text.length() && Character.isJavaIdentifierPart(text.charAt(i)));
                identifiers.add(text.substring(start, i));
            } else {
                i++;
            }
        }
        return identifiers;
    }

    private static String decodeEscapes(String source) {
        Matcher escape = UNICODE_ESCAPE.matcher(source);
        StringBuilder decoded = new StringBuilder(source.length());
        while (escape.find()) {
            escape.appendReplacement(decoded,
                    Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(escape.group(1), 16))));
        }
        return escape.appendTail(decoded).toString();
    }

    private static void disable(String reason) {
        System.err.println("paralab: JShell imports every declaration into every snippet (each cell compiles slower "
                + "as a session grows): " + reason);
    }

    /**
     * JShell's snippets by key index, as {@code SnippetMaps} keeps them; its only walk over them writes a class's
     * imports. After {@link #aboutToWrap} set the names for this thread, the next walk (that class's imports) skips
     * the variables and methods whose name is not among them.
     */
    private static final class NamedDeclarations extends ArrayList<Snippet> {

        final transient ThreadLocal<Set<String>> named = new ThreadLocal<>();

        @Override
        public Iterator<Snippet> iterator() {
            Set<String> names = named.get();
            if (names == null) {
                return super.iterator();
            }
            named.remove();
            return stream().filter(snippet -> snippet == null || imported(snippet, names)).iterator();
        }

        private static boolean imported(Snippet snippet, Set<String> names) {
            return switch (snippet.kind()) {
                case IMPORT, TYPE_DECL -> true;
                default -> snippet instanceof PersistentSnippet declaration && names.contains(declaration.name());
            };
        }
    }

    /**
     * The fields of {@code jdk.jshell} replaced: {@code JShell.outerMap}, {@code JShell.maps} and
     * {@code SnippetMaps.keyIndexToSnippet}; also checks that {@code OuterWrapMap} has the two methods
     * {@link WrapMapHook} overrides.
     */
    private record Access(Field outerMap, Field maps, Field snippetsByKey, String problem) {

        static Access find() {
            try {
                Class<?> outerWrapMap = Class.forName("jdk.jshell.OuterWrapMap");
                Class<?> snippetMaps = Class.forName("jdk.jshell.SnippetMaps");
                Class<?> outerWrap = Class.forName("jdk.jshell.OuterWrap");
                method(outerWrapMap, "wrapInClass", outerWrap, Set.class, Collection.class, List.class, List.class);
                method(outerWrapMap, "wrapInTrialClass", outerWrap, Class.forName("jdk.jshell.Wrap"));
                return new Access(JShellFields.field(JShell.class, "outerMap", outerWrapMap),
                        JShellFields.field(JShell.class, "maps", snippetMaps),
                        JShellFields.field(snippetMaps, "keyIndexToSnippet", List.class), null);
            } catch (ReflectiveOperationException | RuntimeException e) {
                String problem = JShellFields.problem(e);
                disable(problem);
                return new Access(null, null, null, problem);
            }
        }

        private static void method(Class<?> owner, String name, Class<?> returns, Class<?>... parameters)
                throws NoSuchMethodException {
            if (owner.getDeclaredMethod(name, parameters).getReturnType() != returns) {
                throw new NoSuchMethodException(owner.getName() + "." + name + " returns another type");
            }
        }
    }
}
