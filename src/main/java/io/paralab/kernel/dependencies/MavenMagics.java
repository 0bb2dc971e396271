package io.paralab.kernel.dependencies;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.dflib.jjava.jupyter.kernel.magic.MagicsArgs;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Maven magics, in JJava's syntax so notebooks written for JJava run here:
 * <ul>
 *   <li>{@code %maven group:artifact:version ... [--from=URL]} resolves the artifacts together with their
 *       transitive runtime dependencies and adds the jars to the class path ({@code group:artifact:extension:
 *       classifier:version} names a classifier; {@code --from} searches only that repository);</li>
 *   <li>{@code %mavenRepo ID URL} adds a repository searched after Maven Central;</li>
 *   <li>{@code %loadFromPOM pom.xml} and {@code %%loadFromPOM} (a POM or fragment of one as the cell body) resolve
 *       the dependencies the POM declares from its repositories, else the resolver's own.</li>
 * </ul>
 * Every argument is checked and everything resolved before anything is added: a failure names each artifact that
 * could not be resolved and why, and leaves the class path as it was.
 *
 * <pre>{@code
 * %mavenRepo team https://repo.example.org/maven2
 * %maven com.google.guava:guava:33.0.0-jre org.apache.commons:commons-lang3:3.14.0
 * }</pre>
 */
public final class MavenMagics {

    private static final MagicsArgs MAVEN_ARGS = MagicsArgs.builder()
            .varargs("coordinates").keyword("from").onlyKnownKeywords().onlyKnownFlags().build();
    private static final MagicsArgs REPO_ARGS = MagicsArgs.builder()
            .required("id").required("url").onlyKnownKeywords().onlyKnownFlags().build();
    private static final MagicsArgs POM_ARGS = MagicsArgs.builder()
            .required("pomPath").onlyKnownKeywords().onlyKnownFlags().build();

    private final Consumer<List<Path>> addToClasspath;
    private MavenResolver resolver;

    private MavenMagics(Consumer<List<Path>> addToClasspath) {
        this.addToClasspath = addToClasspath;
    }

    /**
     * Registers {@code %maven}, {@code %mavenRepo}, {@code %loadFromPOM} and {@code %%loadFromPOM}.
     *
     * @param addToClasspath adds resolved, absolute jar paths to the cells' class path (and to child JVMs')
     */
    public static void register(MagicsRegistry registry, Consumer<List<Path>> addToClasspath) {
        MavenMagics magics = new MavenMagics(addToClasspath);
        registry.registerLineMagic("maven", (LineMagic<Void, BaseKernel>) (kernel, args) -> magics.maven(args));
        registry.registerLineMagic("mavenRepo", (LineMagic<Void, BaseKernel>) (kernel, args) -> magics.mavenRepo(args));
        registry.registerLineMagic("loadFromPOM", (LineMagic<Void, BaseKernel>) (kernel, args) -> magics.loadFromPom(args));
        registry.registerCellMagic("loadFromPOM",
                (CellMagic<Void, BaseKernel>) (kernel, args, body) -> magics.loadFromPomCell(body));
    }

    private Void maven(List<String> args) {
        Map<String, List<String>> parsed = parse(MAVEN_ARGS, args, "%maven group:artifact:version ... [--from=URL]");
        List<Repository> from = new ArrayList<>();
        for (String url : parsed.getOrDefault("from", List.of())) {
            from.add(Repository.of("from-" + (from.size() + 1), url));
        }
        add(resolver().resolve(parsed.getOrDefault("coordinates", List.of()), from));
        return null;
    }

    private Void mavenRepo(List<String> args) {
        Map<String, List<String>> parsed = parse(REPO_ARGS, args, "%mavenRepo ID URL");
        Repository repository = Repository.of(parsed.get("id").get(0), parsed.get("url").get(0));
        boolean replaced = resolver().addRepository(repository);
        System.out.println((replaced ? "Replaced" : "Added") + " Maven repository " + repository);
        return null;
    }

    private Void loadFromPom(List<String> args) {
        Map<String, List<String>> parsed = parse(POM_ARGS, args, "%loadFromPOM path/to/pom.xml");
        resolveAndAdd(PomDependencies.parseFile(Path.of(parsed.get("pomPath").get(0))));
        return null;
    }

    private Void loadFromPomCell(String body) {
        resolveAndAdd(PomDependencies.parseFragment(body));
        return null;
    }

    private void resolveAndAdd(PomDependencies pom) {
        add(resolver().resolve(pom.coordinates(), pom.repositories()));
    }

    private void add(List<Path> jars) {
        addToClasspath.accept(jars);
        System.out.println("Added to the class path: " + jars.size() + (jars.size() == 1 ? " jar" : " jars") + " ("
                + String.join(", ", jars.stream().map(p -> p.getFileName().toString()).toList()) + ")");
    }

    private MavenResolver resolver() {
        if (resolver == null) {
            resolver = new MavenResolver(System.out);
        }
        return resolver;
    }

    private static Map<String, List<String>> parse(MagicsArgs schema, List<String> args, String usage) {
        try {
            return schema.parse(args);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage() + "; usage: " + usage);
        }
    }
}
