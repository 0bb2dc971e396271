package io.paralab.kernel.dependencies;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What %loadFromPOM reads from a POM file and from a cell's POM fragment. */
class PomDependenciesTest {

    @Test
    void aFragmentOfDependenciesRepositoriesAndProperties() {
        PomDependencies pom = PomDependencies.parseFragment("""
                <properties><lib.version>1.2</lib.version></properties>
                <repository><id>team</id><url>https://repo.example.org/maven2</url></repository>
                <dependency><groupId>org.example</groupId><artifactId>lib</artifactId><version>${lib.version}</version></dependency>
                <dependencies>
                  <dependency><groupId>org.example</groupId><artifactId>natives</artifactId><version>3</version>
                    <classifier>linux-x86_64</classifier></dependency>
                  <dependency><groupId>org.example</groupId><artifactId>lib</artifactId><version>1.2</version>
                    <type>test-jar</type></dependency>
                </dependencies>
                """);
        assertEquals(List.of("org.example:lib:jar:1.2", "org.example:natives:jar:linux-x86_64:3",
                "org.example:lib:jar:tests:1.2"), pom.coordinates());
        assertEquals(List.of(new Repository("team", "https://repo.example.org/maven2")), pom.repositories());
    }

    @Test
    void aWholePomFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pom.xml");
        Files.writeString(file, """
                <project><modelVersion>4.0.0</modelVersion><groupId>me</groupId><artifactId>app</artifactId>
                <version>7</version><dependencies><dependency><groupId>me</groupId><artifactId>core</artifactId>
                <version>${project.version}</version></dependency></dependencies></project>""");
        assertEquals(List.of("me:core:jar:7"), PomDependencies.parseFile(file).coordinates());
    }

    @Test
    void problemsAreNamed(@TempDir Path dir) {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PomDependencies.parseFile(dir.resolve("none.xml")))
                .getMessage().contains("no POM file at"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PomDependencies.parseFragment("<dependency>"))
                .getMessage().contains("not well-formed XML"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PomDependencies.parseFragment(
                        "<dependency><groupId>g</groupId><artifactId>a</artifactId></dependency>"))
                .getMessage().contains("has no <version>"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PomDependencies.parseFragment(
                        "<dependency><groupId>g</groupId><artifactId>a</artifactId><version>${v}</version></dependency>"))
                .getMessage().contains("defines no property v"));
    }
}
