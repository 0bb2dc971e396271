package io.paralab.kernel.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the kernelspec goes and what kernel.json says. */
class KernelspecInstallerTest {

    private static KernelspecInstaller parse(List<String> args, Map<String, String> env) {
        return KernelspecInstaller.parse(args, env, "/home/u", "Linux");
    }

    @Test
    void userInstallHonoursJupyterDataDir() {
        assertEquals(Path.of("/data/kernels/paralab"), parse(List.of("--user"), Map.of("JUPYTER_DATA_DIR", "/data")).target());
        assertEquals(Path.of("/home/u/.local/share/jupyter/kernels/paralab"), parse(List.of(), Map.of()).target());
        assertEquals(Path.of("/home/u/Library/Jupyter/kernels/paralab"),
                KernelspecInstaller.parse(List.of("--user"), Map.of(), "/home/u", "Mac OS X").target());
    }

    @Test
    void prefixAndName() {
        KernelspecInstaller installer = parse(List.of("--prefix", "/opt/env", "--name", "pl2"), Map.of());
        assertEquals(Path.of("/opt/env/share/jupyter/kernels/pl2"), installer.target());
        assertEquals("pl2", installer.name());
    }

    @Test
    void badArgumentsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse(List.of("--system"), Map.of()))
                .getMessage().startsWith("unknown argument '--system'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse(List.of("--prefix"), Map.of()))
                .getMessage().startsWith("--prefix needs a value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse(List.of("--user", "--prefix", "/x"), Map.of()))
                .getMessage().startsWith("--user and --prefix exclude each other"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse(List.of("--name", "a/b"), Map.of()))
                .getMessage().contains("may only hold"));
    }

    @Test
    void installWritesKernelJsonAndLogosAndReplacesAnOldSpec(@TempDir Path dir) throws IOException {
        KernelspecInstaller installer = parse(List.of("--prefix", dir.toString()), Map.of());
        Path java = Path.of("/jdk/bin/java");
        Path jar = Path.of("/p/paralab.jar");
        Path cds = dir.resolve("cache/cds.jsa");
        installer.install(java, jar, new StartupCache.AotCache(dir.resolve("old.aot")));
        Path spec = installer.install(java, jar, new StartupCache.DynamicCds(cds));
        String json = Files.readString(spec.resolve("kernel.json"));
        assertTrue(json.contains("\"argv\": [\"/jdk/bin/java\""), json);
        assertTrue(json.contains("\"-jar\", \"/p/paralab.jar\", \"kernel\", \"{connection_file}\"]"), json);
        assertTrue(json.contains("\"-XX:+AutoCreateSharedArchive\", \"-XX:SharedArchiveFile=" + cds + "\""), json);
        assertTrue(!json.contains("old.aot"), "the second install replaced the first: " + json);
        assertTrue(json.contains("\"display_name\": \"Java (ParaLab)\""), json);
        assertTrue(json.contains("\"language\": \"java\""), json);
        assertTrue(json.contains("\"interrupt_mode\": \"message\""), json);
        assertTrue(Files.isDirectory(cds.getParent()));
        assertTrue(Files.size(spec.resolve("logo-64x64.png")) > 0);
        assertTrue(Files.size(spec.resolve("logo-32x32.png")) > 0);
    }

    @Test
    void jjavaJvmOptionsAtInstallGoBeforeTheJar(@TempDir Path dir) throws IOException {
        KernelspecInstaller installer = parse(List.of("--prefix", dir.toString()),
                Map.of("JJAVA_JVM_OPTS", " -Xmx300m  -Dfoo=bar "));
        String json = Files.readString(installer.install(Path.of("/jdk/bin/java"), Path.of("/p/paralab.jar"),
                new StartupCache.DynamicCds(dir.resolve("cds.jsa"))).resolve("kernel.json"));
        assertTrue(json.contains("\"-Xmx300m\", \"-Dfoo=bar\", \"-Djava.awt.headless=true\", \"-jar\""), json);
    }

    @Test
    void theKernelMayUseSunMiscUnsafeOnJdk24AndNewerOnly(@TempDir Path dir) throws IOException {
        KernelspecInstaller installer = parse(List.of("--prefix", dir.toString()), Map.of());
        StartupCache cache = new StartupCache.DynamicCds(dir.resolve("cds.jsa"));
        String allow = "\"--sun-misc-unsafe-memory-access=allow\"";
        for (int jdk : List.of(24, 25)) {
            String json = Files.readString(installer.install(Path.of("/jdk/bin/java"), jdk, Path.of("/p/paralab.jar"), cache)
                    .resolve("kernel.json"));
            assertTrue(json.contains(allow + ", \"-Djava.awt.headless=true\", \"-jar\""), "JDK " + jdk + ": " + json);
        }
        String json21 = Files.readString(installer.install(Path.of("/jdk/bin/java"), 21, Path.of("/p/paralab.jar"), cache)
                .resolve("kernel.json"));
        assertFalse(json21.contains("sun-misc-unsafe"), "JDK 21 refuses the option: " + json21);
    }

    @Test
    void installingANewBuildDeletesTheCachesOfEarlierBuildsOfTheSameJarOnly(@TempDir Path dir) throws IOException {
        Path jar = Files.writeString(dir.resolve("paralab.jar"), "first build");
        Path otherJar = Files.writeString(dir.resolve("other.jar"), "another checkout");
        Path cacheDir = Files.createDirectories(dir.resolve("cache"));
        String firstId = KernelspecInstaller.cacheId(jar);
        Path first = Files.writeString(cacheDir.resolve("kernel-" + firstId + ".aot"), "x");
        Path leftover = Files.writeString(cacheDir.resolve("kernel-" + firstId + ".4242.aot.tmp"), "x");
        Path other = Files.writeString(cacheDir.resolve("kernel-" + KernelspecInstaller.cacheId(otherJar) + ".aot"), "x");

        Files.writeString(jar, "second build, longer");
        String secondId = KernelspecInstaller.cacheId(jar);
        Path second = Files.writeString(cacheDir.resolve("kernel-" + secondId + ".aot"), "x");
        KernelspecInstaller.removeStaleCaches(cacheDir, secondId);

        assertTrue(!firstId.equals(secondId), firstId);
        assertTrue(Files.notExists(first) && Files.notExists(leftover), "earlier build's caches deleted");
        assertTrue(Files.exists(second), "the new build's cache kept");
        assertTrue(Files.exists(other), "another jar's cache kept");
    }
}
