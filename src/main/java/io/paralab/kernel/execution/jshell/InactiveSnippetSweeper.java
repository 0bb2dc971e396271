package io.paralab.kernel.execution.jshell;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static io.paralab.kernel.execution.jshell.JShellFields.field;

/**
 * Lets go of what JShell keeps of snippets that can never run or compile again. A snippet replaced by a new
 * declaration of the same name, dropped, or rejected ({@code OVERWRITTEN}, {@code DROPPED}, {@code REJECTED}: final
 * states) stays in JShell's list of every snippet, with the text of its code wrapped four times over, and the class
 * compiled for it stays with its class file and class source; the kernel replaces one such snippet per cell that shows
 * a value. After {@link #sweep()}:
 * <ul>
 *   <li>an inactive snippet is gone from {@code JShell.snippets()} (which the kernel never lists: it asks for the
 *       active variables, methods and types) and its wrapped code keeps only its line breaks;</li>
 *   <li>the class file of a class no active snippet is compiled in is gone from JShell's in-memory file manager (javac
 *       never reads it again: nothing imports it); JShell's record of which class bytes are loaded stays (so a class
 *       name compiled again is redefined or renamed as before), the bytes last compiled under the name and never
 *       loaded go;</li>
 *   <li>its class source goes too, unless code of the class can still run (a lambda or a nested class of it may be
 *       held by a live object): then it keeps its line breaks, so a stack trace through it still names the cell
 *       line.</li>
 * </ul>
 * The class bytes the kernel's {@link CellClassLoader} serves to other JVMs are left alone.
 *
 * <p>JShell has no API for this: it works on package-private fields of {@code jdk.jshell} through reflection, which
 * needs {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED} (the kernel jar's manifest says it). If the fields are
 * not as JDK 25's {@code jdk.jshell} has them it does nothing and says why in one line on standard error, once; it
 * never fails a cell. Not thread-safe: call it where the shell is evaluated, between evaluations.
 *
 * <pre>{@code
 * InactiveSnippetSweeper sweeper = InactiveSnippetSweeper.of(shell);
 * shell.eval("Object v = 1;");
 * shell.eval("Object v = 2;");   // replaces the first
 * sweeper.sweep();               // 1: the first declaration's records are released
 * }</pre>
 */
final class InactiveSnippetSweeper {

    /** Whether {@link #sweep()} sweeps. */
    enum State { SWEEPING, DISABLED }

    private static final String REPL_PACKAGE = "REPL.";
    /** In the class file of a class that defines a lambda: the name of the method javac makes of its body. */
    private static final byte[] LAMBDA_METHOD = "lambda$".getBytes(StandardCharsets.UTF_8);
    private static final Access ACCESS = Access.find();

    private final JShell shell;
    private final Set<?> snippets;
    private final Map<?, ?> classSources;
    private final Map<String, ?> classFiles;
    private final Map<String, ?> loadedClasses;
    private State state;

    private InactiveSnippetSweeper(JShell shell, Set<?> snippets, Map<?, ?> classSources, Map<String, ?> classFiles,
                                   Map<String, ?> loadedClasses, State state) {
        this.shell = shell;
        this.snippets = snippets;
        this.classSources = classSources;
        this.classFiles = classFiles;
        this.loadedClasses = loadedClasses;
        this.state = state;
    }

    /** A sweeper of {@code shell}'s records; {@linkplain State#DISABLED disabled} if they cannot be reached. */
    @SuppressWarnings("unchecked")
    static InactiveSnippetSweeper of(JShell shell) {
        if (ACCESS.problem() == null) {
            try {
                Object taskFactory = ACCESS.taskFactory().get(shell);
                Object tracker = ACCESS.classTracker().get(shell);
                return new InactiveSnippetSweeper(shell,
                        (Set<?>) ACCESS.snippets().get(ACCESS.maps().get(shell)),
                        (Map<?, ?>) ACCESS.classSources().get(ACCESS.outerMap().get(shell)),
                        (Map<String, ?>) ACCESS.classFiles().get(ACCESS.fileManager().get(taskFactory)),
                        (Map<String, ?>) ACCESS.trackedClasses().get(tracker), State.SWEEPING);
            } catch (ReflectiveOperationException | RuntimeException e) {
                disable("its records are not as expected: " + e);
            }
        }
        return new InactiveSnippetSweeper(shell, Set.of(), Map.of(), Map.of(), Map.of(), State.DISABLED);
    }

    State state() {
        return state;
    }

    /**
     * Releases the records of every inactive snippet and of every class no active snippet is compiled in.
     *
     * @return how many inactive snippets it released (0 when {@linkplain State#DISABLED disabled})
     */
    int sweep() {
        if (state == State.DISABLED) {
            return 0;
        }
        try {
            int released = 0;
            for (Iterator<?> it = snippets.iterator(); it.hasNext(); ) {
                Snippet snippet = (Snippet) it.next();
                if (!shell.status(snippet).isActive()) {
                    it.remove();
                    keepLinesOnly(ACCESS.guts().get(snippet));
                    released++;
                }
            }
            for (Iterator<? extends Map.Entry<?, ?>> it = classSources.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<?, ?> entry = it.next();
                if (!isReleased(entry.getValue()) && !isCurrent(entry.getValue())) {
                    if (release((String) entry.getKey(), entry.getValue())) {
                        it.remove();
                    }
                }
            }
            return released;
        } catch (ReflectiveOperationException | RuntimeException e) {
            state = State.DISABLED;
            disable("a record is not as expected: " + e);
            return 0;
        }
    }

    /** How many class sources no active snippet is compiled in still hold more than their line breaks. */
    int unreleased() throws ReflectiveOperationException {
        int unreleased = 0;
        for (Object source : classSources.values()) {
            if (!isReleased(source) && !isCurrent(source)) {
                unreleased++;
            }
        }
        return unreleased;
    }

    /** Whether an active snippet is compiled in the class of {@code source}: then it is the snippet's class. */
    private boolean isCurrent(Object source) throws ReflectiveOperationException {
        for (Object snippet : ((Map<?, ?>) ACCESS.wrapToSnippet().get(source)).values()) {
            if (ACCESS.outer().get(snippet) == source && shell.status((Snippet) snippet).isActive()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Removes the class files of a class no active snippet is compiled in, and keeps only the line breaks of its class
     * source.
     *
     * @return whether the class source can go too: no code of the class was ever loaded that could run again
     */
    private boolean release(String className, Object source) throws ReflectiveOperationException {
        String binaryName = REPL_PACKAGE + className;
        classFiles.keySet().removeIf(name -> isOf(name, binaryName));
        for (Map.Entry<String, ?> tracked : loadedClasses.entrySet()) {
            if (isOf(tracked.getKey(), binaryName)) {        // compiled, not loaded: read only after compiled again
                ACCESS.currentBytes().set(tracked.getValue(), ACCESS.loadedBytes().get(tracked.getValue()));
            }
        }
        Object wrap = ACCESS.wrap().get(source);
        Object[] parts = (Object[]) ACCESS.parts().get(wrap);
        for (int i = 1; i < parts.length; i++) {
            if (parts[i] instanceof String text) {
                parts[i] = linesOf(text);
            }
        }
        ACCESS.joinedText().set(wrap, linesOf((String) ACCESS.joinedText().get(wrap)));
        return !mayRunAgain(binaryName);
    }

    /** Whether {@code name} is the binary name of class {@code binaryName} or of a class nested in it. */
    private static boolean isOf(String name, String binaryName) {
        return name.startsWith(binaryName) && (name.length() == binaryName.length()
                || name.charAt(binaryName.length()) == '$');
    }

    /** Whether the JVM holds a nested class or a lambda of class {@code binaryName}, as JShell loaded it. */
    private boolean mayRunAgain(String binaryName) throws ReflectiveOperationException {
        for (Map.Entry<String, ?> loaded : loadedClasses.entrySet()) {
            String name = loaded.getKey();
            if (!name.equals(binaryName) && isOf(name, binaryName)
                    && ACCESS.loadedBytes().get(loaded.getValue()) != null) {
                return true;
            }
        }
        Object info = loadedClasses.get(binaryName);
        byte[] bytes = info == null ? null : (byte[]) ACCESS.loadedBytes().get(info);
        return bytes != null && contains(bytes, LAMBDA_METHOD);
    }

    private static boolean contains(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Whether {@code source}'s text was already cut to its line breaks. */
    private static boolean isReleased(Object source) throws ReflectiveOperationException {
        String joined = (String) ACCESS.joinedText().get(ACCESS.wrap().get(source));
        for (int i = 0; i < joined.length(); i++) {
            if (joined.charAt(i) != '\n' && (i > 0 || joined.charAt(i) != '.')) {
                return false;
            }
        }
        return true;
    }

    /** Replaces every text in {@code wrap} (a snippet's wrapped code, never compiled again) by its line breaks. */
    private static void keepLinesOnly(Object wrap) throws ReflectiveOperationException {
        if (ACCESS.compoundWrap().isInstance(wrap)) {
            Object[] parts = (Object[]) ACCESS.parts().get(wrap);
            for (int i = 0; i < parts.length; i++) {
                if (parts[i] instanceof String text) {
                    parts[i] = linesOf(text);
                } else {
                    keepLinesOnly(parts[i]);
                }
            }
            ACCESS.joinedText().set(wrap, linesOf((String) ACCESS.joinedText().get(wrap)));
        } else if (ACCESS.rangeWrap().isInstance(wrap)) {
            ACCESS.rangeText().set(wrap, linesOf((String) ACCESS.rangeText().get(wrap)));
        }
    }

    /**
     * A text JShell counts as many lines in as {@code text}: its line breaks, after one other character unless
     * {@code text} starts with a line break (JShell does not count a line break at index 0). Shared: one instance per
     * count.
     */
    static String linesOf(String text) {
        int breaks = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                breaks++;
            }
        }
        if (breaks == 0) {
            return "";
        }
        return ((text.charAt(0) == '\n' ? "" : ".") + "\n".repeat(breaks)).intern();
    }

    private static void disable(String reason) {
        System.err.println("paralab: JShell keeps the records of replaced snippets (the heap grows faster over a long "
                + "session): " + reason);
    }

    /**
     * The fields of {@code jdk.jshell} the sweeper reads or writes: {@code JShell.maps}, {@code .outerMap},
     * {@code .taskFactory}, {@code .classTracker}; {@code SnippetMaps.snippets} (every snippet),
     * {@code OuterWrapMap.classOuters} (every class source by class name), {@code TaskFactory.fileManager},
     * {@code MemoryFileManager.classObjects} (every class file by binary name), {@code ClassTracker.map} and
     * {@code ClassTracker.ClassInfo.loadedBytes} and {@code .currentBytes} (the bytes loaded and last compiled under a
     * class name), {@code Snippet.guts} and {@code .outer}, {@code OuterSnippetsClassWrap.wrapToSnippet},
     * {@code OuterWrap.w}, {@code Wrap.CompoundWrap.os} and {@code .wrapped}, {@code Wrap.RangeWrap.wrapped}.
     */
    private record Access(Field maps, Field outerMap, Field taskFactory, Field classTracker, Field snippets,
                          Field classSources, Field fileManager, Field classFiles, Field trackedClasses,
                          Field loadedBytes, Field currentBytes, Field guts, Field outer, Field wrapToSnippet,
                          Field wrap,
                          Class<?> compoundWrap, Field parts, Field joinedText, Class<?> rangeWrap, Field rangeText,
                          String problem) {

        static Access find() {
            try {
                Class<?> maps = Class.forName("jdk.jshell.SnippetMaps");
                Class<?> outerMap = Class.forName("jdk.jshell.OuterWrapMap");
                Class<?> taskFactory = Class.forName("jdk.jshell.TaskFactory");
                Class<?> tracker = Class.forName("jdk.jshell.ClassTracker");
                Class<?> fileManager = Class.forName("jdk.jshell.MemoryFileManager");
                Class<?> wrap = Class.forName("jdk.jshell.Wrap");
                Class<?> outerWrap = Class.forName("jdk.jshell.OuterWrap");
                Class<?> compound = Class.forName("jdk.jshell.Wrap$CompoundWrap");
                Class<?> range = Class.forName("jdk.jshell.Wrap$RangeWrap");
                Class<?> classInfo = Class.forName("jdk.jshell.ClassTracker$ClassInfo");
                return new Access(field(JShell.class, "maps", maps), field(JShell.class, "outerMap", outerMap),
                        field(JShell.class, "taskFactory", taskFactory), field(JShell.class, "classTracker", tracker),
                        field(maps, "snippets", Set.class), field(outerMap, "classOuters", Map.class),
                        field(taskFactory, "fileManager", fileManager),
                        field(fileManager, "classObjects", Map.class), field(tracker, "map", HashMap.class),
                        field(classInfo, "loadedBytes", byte[].class), field(classInfo, "currentBytes", byte[].class),
                        field(Snippet.class, "guts", wrap), field(Snippet.class, "outer", outerWrap),
                        field(Class.forName("jdk.jshell.OuterSnippetsClassWrap"), "wrapToSnippet",
                                LinkedHashMap.class),
                        field(outerWrap, "w", wrap),
                        compound, field(compound, "os", Object[].class), field(compound, "wrapped", String.class),
                        range, field(range, "wrapped", String.class), null);
            } catch (ReflectiveOperationException | RuntimeException e) {
                String problem = JShellFields.problem(e);
                disable(problem);
                return new Access(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                        null, null, null, null, null, null, problem);
            }
        }
    }
}
