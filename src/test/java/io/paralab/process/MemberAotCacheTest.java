package io.paralab.process;

import io.paralab.cluster.HazelcastJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Cluster members on JDK 25+ start from an AOT cache made from a training run of a member: through a parent JVM
 * ({@link MemberAotCacheProbe}) whose class path holds jars alone, with its cache folder in this test's folder.
 */
@EnabledForJreRange(min = JRE.JAVA_25)
class MemberAotCacheTest {

    private static final String IN_USE = "Using AOT-linked classes: true";
    private static final String SUM_OF_SQUARES = "2870";   // 1² + ... + 20²

    @Test
    void aMemberStartsFromTheCacheOfATrainingRunAndNormallyFromACorruptOneLeavingNothingBehind(@TempDir Path dir)
            throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path cache = Files.createDirectories(dir.resolve("cache"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(HazelcastJvm.options(Runtime.version().feature()));
        command.addAll(List.of("-cp", jarsOnlyClassPath(dir),
                MemberAotCacheProbe.class.getName(), logs.toString()));
        Path out = dir.resolve("probe.out");
        Path err = dir.resolve("probe.err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("XDG_CACHE_HOME", cache.toString());   // the cache folder: CacheFolder
        Process probe = builder.start();
        try {
            if (!probe.waitFor(10, TimeUnit.MINUTES)) {
                fail("the probe did not end within 10 minutes; its output: " + Files.readString(out));
            }
        } finally {
            probe.destroyForcibly();
            probe.waitFor(10, TimeUnit.SECONDS);
        }
        List<String> lines = Files.readAllLines(out);
        String errors = Files.readString(err);
        assertEquals(0, probe.exitValue(), "probe exit code; its output: " + lines + ", its stderr: " + errors);
        assertFalse(errors.contains("AOTConfiguration recorded"), "the recording member's exit remark is dropped: " + errors);
        Map<String, List<String>> facts = new HashMap<>();
        for (String line : lines) {
            String[] words = line.split(" ", 2);
            facts.computeIfAbsent(words[0], k -> new ArrayList<>()).add(words.length > 1 ? words[1] : "");
        }
        String[] trained = facts.get("trained").getFirst().split(" ");
        String[] cached = facts.get("cached").getFirst().split(" ");
        String[] corrupt = facts.get("corrupt").getFirst().split(" ");
        assertEquals(List.of(SUM_OF_SQUARES, SUM_OF_SQUARES, SUM_OF_SQUARES), List.of(trained[1], cached[1], corrupt[1]),
                "every member ran the pool's tasks: " + lines);

        assertFalse(Files.readString(logs.resolve("member-" + trained[0] + ".log")).contains(IN_USE),
                "the training member records; it maps no cache");
        String cachedLog = Files.readString(logs.resolve("member-" + cached[0] + ".log"));
        assertTrue(cachedLog.contains(IN_USE), "the member after the training run maps its AOT cache: " + cachedLog);
        String corruptLog = Files.readString(logs.resolve("member-" + corrupt[0] + ".log"));
        assertFalse(corruptLog.contains(IN_USE), "a corrupt cache is not mapped: " + corruptLog);
        assertTrue(corruptLog.contains("bad magic number"), "the JVM refused the corrupt cache: " + corruptLog);

        for (String files : facts.get("files")) {
            List<String> names = Arrays.asList(files.substring(1, files.length() - 1).split(", "));
            assertEquals(1, names.size(), "the cache alone, no recording or assembly file: " + files);
            assertTrue(names.getFirst().matches("worker-[0-9a-f]+\\.aot"), files);
        }
        assertEquals(List.of("[]"), facts.get("descendants"), "no member and no assembly JVM outlives its use");
        assertNotEquals(trained[0], cached[0]);
    }

    /** The class path of this test JVM, with its class directories packed into jars in {@code dir}. */
    private static String jarsOnlyClassPath(Path dir) throws IOException, URISyntaxException {
        List<String> entries = new ArrayList<>();
        Path mainClasses = Path.of(WorkerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path testClasses = Path.of(MemberAotCacheProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        entries.add(pack(mainClasses, dir.resolve("classes.jar")));
        entries.add(pack(testClasses, dir.resolve("test-classes.jar")));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String pack(Path classes, Path jar) {
        if (Files.isRegularFile(classes)) {
            return classes.toString();   // already a jar
        }
        ToolProvider tool = ToolProvider.findFirst("jar").orElseThrow(() -> new IllegalStateException("no jar tool"));
        int code = tool.run(System.out, System.err, "--create", "--file", jar.toString(), "-C", classes.toString(), ".");
        assertEquals(0, code, "jar tool exit code for " + classes);
        return jar.toString();
    }
}
