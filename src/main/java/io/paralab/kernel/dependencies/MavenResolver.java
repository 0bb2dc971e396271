package io.paralab.kernel.dependencies;

import org.apache.maven.model.interpolation.ModelInterpolator;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.DependencyResult;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.RepositoryOfflineException;

import java.io.PrintStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves Maven artifacts with their transitive runtime dependencies, the way Maven 3 does (Maven Resolver 2 with
 * Maven's model), honouring {@code ~/.m2/settings.xml} ({@link MavenSettings}). The repositories are Maven
 * Central (its URL as Maven 3 gives it; the system property {@code maven.repo.central} overrides it), the active profiles' repositories, and those added with
 * {@link #addRepository}. Downloads are reported on {@code progress} as they happen.
 *
 * <p>The resolver's classes load on the first {@link #resolve}: creating a {@code MavenResolver} costs nothing.
 *
 * <pre>{@code
 * MavenResolver maven = new MavenResolver(System.out);
 * maven.addRepository(Repository.of("local", "file:///tmp/repo"));
 * List<Path> jars = maven.resolve(List.of("com.google.guava:guava:33.0.0-jre"), List.of());
 * }</pre>
 *
 * <p>Not thread-safe: one cell resolves at a time.
 */
public final class MavenResolver {

    private final PrintStream progress;
    private final Map<String, Repository> added = new LinkedHashMap<>();
    private RepositorySystem system;

    /** A resolver that reports downloads on {@code progress}. */
    public MavenResolver(PrintStream progress) {
        this.progress = progress;
    }

    /**
     * Adds a repository to search after Maven Central, or replaces the one of the same id.
     *
     * @return true if it replaced one
     */
    public boolean addRepository(Repository repository) {
        return added.put(repository.id(), repository) != null;
    }

    /**
     * Resolves {@code coordinates} together (one dependency graph, Maven's conflict resolution) with their
     * transitive runtime dependencies.
     *
     * @param coordinates  {@code groupId:artifactId[:extension[:classifier]]:version} each
     * @param repositories if not empty, the only remote repositories to search (besides mirrors), as JJava's
     *                     {@code --from} does; else the resolver's own
     * @return the jars, dependencies after their dependents, no duplicates
     * @throws IllegalArgumentException naming coordinates that are not {@code group:artifact:version}
     * @throws ResolutionException      naming each artifact that could not be resolved and why
     */
    public List<Path> resolve(List<String> coordinates, List<Repository> repositories) {
        if (coordinates.isEmpty()) {
            throw new IllegalArgumentException("no artifact given: name one as groupId:artifactId:version");
        }
        List<Dependency> dependencies = new ArrayList<>();
        for (String coordinate : coordinates) {
            dependencies.add(new Dependency(artifact(coordinate), "runtime"));
        }
        MavenSettings settings = MavenSettings.load(System.getenv());
        RepositorySystem repositorySystem = system();
        try (RepositorySystemSession.CloseableSession session = new SessionBuilderSupplier(repositorySystem).get()
                .withLocalRepositoryBaseDirectories(settings.localRepository())
                .setOffline(settings.offline())
                .setSystemProperties(System.getProperties())
                .setMirrorSelector(settings.mirrors())
                .setProxySelector(settings.proxies())
                .setAuthenticationSelector(settings.credentials())
                .setTransferListener(new DownloadProgress(progress))
                .build()) {
            List<RemoteRepository> remotes = repositorySystem.newResolutionRepositories(session,
                    remotes(repositories.isEmpty() ? searched(settings) : repositories));
            DependencyRequest request = new DependencyRequest(new CollectRequest(dependencies, null, remotes), null);
            try {
                DependencyResult result = repositorySystem.resolveDependencies(session, request);
                Set<Path> jars = new LinkedHashSet<>();
                for (ArtifactResult artifact : result.getArtifactResults()) {
                    jars.add(artifact.getArtifact().getPath().toAbsolutePath());
                }
                return List.copyOf(jars);
            } catch (DependencyResolutionException e) {
                throw new ResolutionException(describe(coordinates, e, settings, remotes));
            }
        }
    }

    /** The repositories searched when a magic names none: Central, active profiles' and added ones. */
    private List<Repository> searched(MavenSettings settings) {
        List<Repository> all = new ArrayList<>();
        all.add(central());
        all.addAll(settings.profileRepositories());
        all.addAll(added.values());
        return all;
    }

    private static List<RemoteRepository> remotes(List<Repository> repositories) {
        return repositories.stream()
                .map(r -> new RemoteRepository.Builder(r.id(), "default", r.url()).build())
                .toList();
    }

    private static Artifact artifact(String coordinate) {
        try {
            return new DefaultArtifact(coordinate.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad coordinates '" + coordinate
                    + "': expected groupId:artifactId:version (or groupId:artifactId:extension[:classifier]:version)");
        }
    }

    private RepositorySystem system() {
        if (system == null) {
            system = new RepositorySystemSupplier().get();
        }
        return system;
    }

    /**
     * Maven Central as Maven 3 defines it: the system property {@code maven.repo.central} if set, else Maven's
     * default URL.
     */
    static Repository central() {
        String url = System.getProperty(ModelInterpolator.MAVEN_REPO_CENTRAL_KEY);
        return Repository.of("central", url == null || url.isBlank() ? ModelInterpolator.DEFAULT_MAVEN_REPO_CENTRAL_URL : url);
    }

    /** One line per failed artifact: which, and why. */
    static String describe(List<String> coordinates, DependencyResolutionException e, MavenSettings settings,
                           List<RemoteRepository> remotes) {
        Set<String> reasons = new LinkedHashSet<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.eclipse.aether.resolution.ArtifactResolutionException failed) {
                for (ArtifactResult result : failed.getResults()) {
                    if (!result.isResolved()) {
                        reasons.add(reason(result.getRequest().getArtifact().toString(), result.getExceptions(),
                                settings, remotes));
                    }
                }
            }
        }
        if (e.getResult() != null && e.getResult().getCollectExceptions() != null) {
            for (Exception collect : e.getResult().getCollectExceptions()) {
                reasons.add(leafMessage(collect));
            }
        }
        if (reasons.isEmpty()) {
            reasons.add(leafMessage(e));
        }
        return "cannot resolve " + String.join(" ", coordinates) + " (nothing was added to the class path):\n  "
                + String.join("\n  ", reasons);
    }

    private static String reason(String artifact, List<Exception> exceptions, MavenSettings settings,
                                 List<RemoteRepository> remotes) {
        for (Exception exception : exceptions) {
            if (exception instanceof RepositoryOfflineException || settings.offline()) {
                return artifact + ": offline (settings.xml has <offline>true</offline>) and not in the local repository "
                        + settings.localRepository();
            }
        }
        for (Exception exception : exceptions) {
            Throwable root = exception;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            if (root instanceof UnknownHostException || root instanceof ConnectException) {
                return artifact + ": a repository cannot be reached (" + root + "); not in the local repository "
                        + settings.localRepository();
            }
        }
        if (exceptions.stream().allMatch(ArtifactNotFoundException.class::isInstance)) {
            return artifact + ": not found in " + String.join(", ", remotes.stream()
                    .map(r -> r.getId() + " (" + r.getUrl() + ")").toList())
                    + " nor in the local repository " + settings.localRepository();
        }
        return artifact + ": " + String.join("; ", exceptions.stream().map(MavenResolver::leafMessage).distinct().toList());
    }

    private static String leafMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
