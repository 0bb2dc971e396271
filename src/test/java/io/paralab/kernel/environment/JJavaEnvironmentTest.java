package io.paralab.kernel.environment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JJava's environment variables, read as stock JJava reads them. */
class JJavaEnvironmentTest {

    @Test
    void timeoutsAreMillisecondsOrANumberAndAUnit() {
        assertEquals(Optional.of(Duration.ofMillis(3000)), JJavaEnvironment.timeout("3000"));
        assertEquals(Optional.of(Duration.ofSeconds(30)), JJavaEnvironment.timeout("30 SECONDS"));
        assertEquals(Optional.of(Duration.ofMinutes(2)), JJavaEnvironment.timeout("2 minutes"));
        assertEquals(Optional.empty(), JJavaEnvironment.timeout("-1"));
        assertEquals(Optional.empty(), JJavaEnvironment.timeout(null));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JJavaEnvironment.timeout("soon"))
                .getMessage().contains("JJAVA_TIMEOUT='soon' is not a timeout"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JJavaEnvironment.timeout("3 fortnights"))
                .getMessage().contains("'fortnights' is not a unit"));
    }

    @Test
    void compilerOptionsSplitAtBlanksOutsideQuotes() {
        assertEquals(List.of("--enable-preview", "--release", "25", "-Xlint:a b"),
                JJavaEnvironment.splitOptions(" --enable-preview  --release 25 \"-Xlint:a b\""));
    }

    @Test
    void classPathGlobsAndStartupScriptsInOrder(@TempDir Path dir) throws IOException {
        Path a = Files.createFile(dir.resolve("a.jar"));
        Path b = Files.createFile(dir.resolve("b.jar"));
        Files.writeString(dir.resolve("1.jsh"), "int one = 1;");
        JJavaEnvironment env = JJavaEnvironment.read(Map.of(
                JJavaEnvironment.CLASSPATH, dir + "/*.jar",
                JJavaEnvironment.STARTUP_SCRIPTS_PATH, dir + "/*.jsh",
                JJavaEnvironment.STARTUP_SCRIPT, "int two = 2;"));
        assertEquals(List.of(a, b), env.classPath().stream().sorted().toList());
        assertEquals(List.of("int one = 1;", "int two = 2;"), env.startupScripts());
        assertEquals(Optional.empty(), env.timeout());
        assertEquals(List.of(), env.compilerOptions());
    }
}
