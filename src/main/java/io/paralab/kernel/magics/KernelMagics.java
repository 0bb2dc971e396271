package io.paralab.kernel.magics;

import io.paralab.kernel.dependencies.MavenMagics;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The kernel's own magics, registered in one place: {@code %classpath}, {@code %jars}, the Maven magics
 * ({@link MavenMagics}), {@code %load}, {@code %whos}, {@code %time}/{@code %%time},
 * {@code %timeit}/{@code %%timeit} and {@code %lsmagic}. Extensions register theirs through the same registry.
 *
 * <pre>{@code
 * MagicsRegistry registry = new MagicsRegistry();
 * KernelMagics.registerAll(registry, evaluator::evaluate, paths -> paths.forEach(evaluator::addToClasspath), List::of);
 * }</pre>
 */
public final class KernelMagics {

    private KernelMagics() {
    }

    /**
     * Registers the kernel's magics in {@code registry}.
     *
     * @param registry       where the magics go
     * @param evaluator      evaluates cell source (magics already resolved) and returns its value
     * @param addToClasspath adds checked, absolute paths to the cells' class path
     * @param definitions    what the cells defined, for {@code %whos}
     */
    public static void registerAll(MagicsRegistry registry, Function<String, Object> evaluator,
                                   Consumer<List<Path>> addToClasspath, Supplier<List<WhosMagic.Entry>> definitions) {
        registry.registerLineMagic("classpath",
                new ClasspathMagic("classpath", ClasspathMagic.Accepted.JARS_AND_FOLDERS, addToClasspath));
        registry.registerLineMagic("jars", new ClasspathMagic("jars", ClasspathMagic.Accepted.JARS, addToClasspath));
        MavenMagics.register(registry, addToClasspath);
        registry.registerLineMagic("load", new LoadMagic(evaluator));
        registry.registerLineMagic("whos", new WhosMagic(definitions));
        TimeMagic time = new TimeMagic(evaluator);
        registry.registerLineMagic("time", time);
        registry.registerCellMagic("time", time);
        TimeitMagic timeit = new TimeitMagic(evaluator);
        registry.registerLineMagic("timeit", timeit);
        registry.registerCellMagic("timeit", timeit);
        registry.registerLineMagic("lsmagic", (kernel, args) -> {
            System.out.println(list(registry));
            return null;
        });
    }

    /** The {@code %lsmagic} text: every line and cell magic of {@code registry}, sorted. */
    static String list(MagicsRegistry registry) {
        return "Available line magics:\n" + join("%", registry.getLineMagicNames())
                + "\n\nAvailable cell magics:\n" + join("%%", registry.getCellMagicNames());
    }

    private static String join(String prefix, Set<String> names) {
        return String.join("  ", new TreeSet<>(names).stream().map(n -> prefix + n).toList());
    }
}
