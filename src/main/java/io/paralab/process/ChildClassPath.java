package io.paralab.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Class path entries every child JVM started from now on gets after the parent's own class path: where a host that
 * loads code at run time (a notebook kernel's {@code %maven}, {@code %jars}) registers what it added, so a task run
 * in a {@link ProcessPool} or {@link JvmProcess} created afterwards finds the same libraries.
 *
 * <pre>{@code
 * ChildClassPath.add(List.of(Path.of("/home/me/.m2/repository/org/example/lib/1.0/lib-1.0.jar")));
 * try (ProcessPool pool = ProcessPool.builder().workers(2).build()) { ... }   // workers have lib-1.0.jar
 * }</pre>
 *
 * <p>Thread-safe; entries are kept in the order first added, each once, and never removed.
 */
public final class ChildClassPath {

    private static final Set<Path> ENTRIES = new CopyOnWriteArraySet<>();

    private ChildClassPath() {
    }

    /** Adds jars or class folders (made absolute) for child JVMs started from now on. */
    public static void add(List<Path> entries) {
        entries.forEach(entry -> ENTRIES.add(entry.toAbsolutePath().normalize()));
    }

    /** The entries added so far, in the order first added. */
    public static List<Path> entries() {
        return List.copyOf(ENTRIES);
    }

    /** The entries as strings, for a {@code -cp} argument. */
    static List<String> asStrings() {
        return ENTRIES.stream().map(Path::toString).toList();
    }
}
