package io.paralab.kernel.dependencies;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resolution against a file repository the test builds, into a local repository of its own: no network. */
class MavenResolverTest {

    @TempDir
    Path dir;
    private FileMavenRepository remote;
    private Path local;
    private Path userHome;
    private String savedRepoLocal;
    private String savedHome;
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
    private MavenResolver resolver;

    @BeforeEach
    void repositories() throws IOException {
        remote = new FileMavenRepository(Files.createDirectories(dir.resolve("remote")));
        local = dir.resolve("local");
        userHome = Files.createDirectories(dir.resolve("home"));
        savedRepoLocal = System.getProperty("maven.repo.local");
        savedHome = System.getProperty("user.home");
        System.setProperty("maven.repo.local", local.toString());
        System.setProperty("user.home", userHome.toString());      // no settings.xml unless a test writes one
        Path base = remote.publish("org.example", "base", "1.0", List.of(), List.of(),
                "demo/Base.java", "package demo; public class Base { public static String name() { return \"base\"; } }");
        remote.publish("org.example", "greeter", "2.0", List.of("org.example:base:1.0"), List.of(base),
                "demo/Greeter.java",
                "package demo; public class Greeter { public static String greet() { return \"hello from \" + Base.name(); } }");
        resolver = new MavenResolver(new PrintStream(progress, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreProperties() {
        restore("maven.repo.local", savedRepoLocal);
        restore("user.home", savedHome);
    }

    @Test
    void resolvesTransitivelyIntoTheLocalRepositoryAndReportsDownloads() throws Exception {
        List<Path> jars = resolver.resolve(List.of("org.example:greeter:2.0"),
                List.of(Repository.of("test", remote.url())));
        assertEquals(List.of("greeter-2.0.jar", "base-1.0.jar"), jars.stream().map(p -> p.getFileName().toString()).toList());
        assertTrue(jars.stream().allMatch(p -> p.startsWith(local)), jars.toString());
        try (URLClassLoader loader = new URLClassLoader(jars.stream().map(MavenResolverTest::url).toArray(URL[]::new), null)) {
            assertEquals("hello from base", loader.loadClass("demo.Greeter").getMethod("greet").invoke(null));
        }
        String report = progress.toString(StandardCharsets.UTF_8);
        assertTrue(report.contains("Downloaded greeter-2.0.jar (") && report.contains(") from test"), report);
        assertTrue(report.contains("Downloaded base-1.0.pom"), report);
    }

    @Test
    void addedRepositoriesAreSearchedAndSettingsGiveTheLocalRepository() throws IOException {
        System.clearProperty("maven.repo.local");
        Path settingsLocal = dir.resolve("from-settings");
        Files.createDirectories(userHome.resolve(".m2"));
        Files.writeString(userHome.resolve(".m2/settings.xml"), """
                <settings><localRepository>%s</localRepository>
                <mirrors><mirror><id>no-central</id><mirrorOf>central</mirrorOf><url>%s</url></mirror></mirrors>
                </settings>""".formatted(settingsLocal, remote.url()));
        resolver.addRepository(Repository.of("test", remote.url()));
        List<Path> jars = resolver.resolve(List.of("org.example:base:1.0"), List.of());
        assertEquals(1, jars.size());
        assertTrue(jars.get(0).startsWith(settingsLocal), jars.toString());
    }

    @Test
    void aMissingArtifactIsNamedWithTheRepositoriesSearched() {
        ResolutionException missing = assertThrows(ResolutionException.class, () -> resolver.resolve(
                List.of("org.example:base:1.0", "org.example:nothing:9.9"), List.of(Repository.of("test", remote.url()))));
        assertTrue(missing.getMessage().contains("org.example:nothing:jar:9.9: not found in test (" + remote.url() + ")"),
                missing.getMessage());
        assertTrue(missing.getMessage().contains("nothing was added"), missing.getMessage());
    }

    @Test
    void offlineSettingsSayOfflineForWhatIsNotLocal() throws IOException {
        Files.createDirectories(userHome.resolve(".m2"));
        Files.writeString(userHome.resolve(".m2/settings.xml"), "<settings><offline>true</offline></settings>");
        ResolutionException offline = assertThrows(ResolutionException.class, () -> resolver.resolve(
                List.of("org.example:base:1.0"), List.of(Repository.of("test", remote.url()))));
        assertTrue(offline.getMessage().contains("org.example:base"), offline.getMessage());
        assertTrue(offline.getMessage().contains("offline"), offline.getMessage());
    }

    @Test
    void badCoordinatesAreNamedBeforeAnythingIsResolved() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> resolver.resolve(List.of("org.example:base:1.0", "guava"), List.of(Repository.of("test", remote.url()))));
        assertTrue(bad.getMessage().contains("bad coordinates 'guava'"), bad.getMessage());
        assertFalse(Files.exists(local.resolve("org/example/base")), "nothing downloaded");
    }

    @Test
    void centralIsMavensDefault() {
        Repository central = MavenResolver.central();
        assertEquals("central", central.id());
        assertTrue(central.url().startsWith("https://"), central.url());
    }

    @Test
    void repositoriesNeedAnIdAndAUrl() {
        assertThrows(IllegalArgumentException.class, () -> Repository.of("a b", "https://example.org"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Repository.of("x", "ftp://example.org"))
                .getMessage().contains("not an http, https or file URL"));
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
