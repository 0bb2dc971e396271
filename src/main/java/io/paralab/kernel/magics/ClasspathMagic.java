package io.paralab.kernel.magics;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.dflib.jjava.jupyter.kernel.util.PathsHandler;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code %classpath PATH...} adds jars and folders ({@code *} and {@code ?} globs allowed, entries may also be separated by the platform's
 * path separator) to the class path of cells; {@code %jars PATH...} adds jar files, every jar of a given folder, or
 * jars matched by a glob. Every argument is checked before anything is added: a path that matches nothing, or a
 * non-jar given to {@code %jars}, fails with a message naming it and changes nothing.
 *
 * <pre>{@code
 * %classpath target/classes lib/*.jar
 * %jars ~/libs
 * }</pre>
 */
public final class ClasspathMagic implements LineMagic<Void, BaseKernel> {

    /** What a magic accepts: jars and folders ({@code %classpath}), or only jars ({@code %jars}). */
    public enum Accepted {
        /** Jars and class folders, each added as given. */
        JARS_AND_FOLDERS,
        /** Jar files only; a folder stands for the jars inside it. */
        JARS
    }

    private final String name;
    private final boolean jarsOnly;
    private final Consumer<List<Path>> addToClasspath;

    /**
     * @param name           the magic's name, {@code classpath} or {@code jars}, used in messages
     * @param accepted       what the magic accepts
     * @param addToClasspath adds checked, absolute paths to the cells' class path
     */
    public ClasspathMagic(String name, Accepted accepted, Consumer<List<Path>> addToClasspath) {
        this.name = name;
        this.jarsOnly = accepted == Accepted.JARS;
        this.addToClasspath = addToClasspath;
    }

    @Override
    public Void eval(BaseKernel kernel, List<String> args) throws IOException {
        List<Path> paths = resolve(args);
        addToClasspath.accept(paths);
        System.out.println("Added to the class path: " + String.join(File.pathSeparator,
                paths.stream().map(Path::toString).toList()));
        return null;
    }

    /** The absolute paths {@code args} stand for, or an {@link IllegalArgumentException} naming the bad one. */
    List<Path> resolve(List<String> args) throws IOException {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("%" + name + " needs at least one "
                    + (jarsOnly ? "jar, folder of jars" : "jar or folder") + ", e.g. %" + name + " lib/*.jar");
        }
        Set<Path> paths = new LinkedHashSet<>();
        for (String arg : args) {
            for (String entry : PathsHandler.split(arg)) {
                paths.addAll(resolveEntry(expandHome(entry.strip())));
            }
        }
        return List.copyOf(paths);
    }

    private List<Path> resolveEntry(String entry) throws IOException {
        List<Path> matches = glob(entry);
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("%" + name + ": no file or folder matches '" + entry + "'");
        }
        List<Path> result = new ArrayList<>();
        for (Path match : matches) {
            Path path = match.toAbsolutePath().normalize();
            if (Files.isDirectory(path)) {
                result.addAll(jarsOnly ? jarsIn(path) : List.of(path));
            } else if (isJar(path)) {
                result.add(path);
            } else {
                throw new IllegalArgumentException("%" + name + ": '" + path + "' is neither a jar nor a folder");
            }
        }
        return result;
    }

    /**
     * The existing paths {@code pattern} names, sorted; {@code *} and {@code ?} match within one folder name (JJava's
     * globs, {@link PathsHandler#resolveGlobs}).
     */
    static List<Path> glob(String pattern) {
        try {
            return PathsHandler.resolveGlobs(pattern).stream().map(p -> p.toAbsolutePath().normalize()).sorted().toList();
        } catch (RuntimeException e) {       // a folder on the way does not exist or cannot be read
            return List.of();
        }
    }

    private List<Path> jarsIn(Path folder) throws IOException {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.jar")) {
            stream.forEach(jars::add);
        }
        if (jars.isEmpty()) {
            throw new IllegalArgumentException("%" + name + ": the folder '" + folder + "' holds no jar");
        }
        jars.sort(null);
        return jars;
    }

    private static boolean isJar(Path path) {
        String file = path.getFileName().toString().toLowerCase();
        return Files.isRegularFile(path) && (file.endsWith(".jar") || file.endsWith(".zip"));
    }

    private static String expandHome(String entry) {
        return entry.equals("~") || entry.startsWith("~/")
                ? System.getProperty("user.home") + entry.substring(1)
                : entry;
    }
}
