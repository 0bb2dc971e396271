package io.paralab.kernel.magics;

import io.paralab.format.TimeFormat;

import io.paralab.kernel.streams.CellOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Argument parsing and output formats of %classpath/%jars, %time and %timeit. */
class MagicsTest {

    @Test
    void timeitParsesLoopsRunsAndKeepsTheCodeVerbatim() {
        assertEquals(new TimeitMagic.Options(0, 7, "fib(20)"), TimeitMagic.parse("fib(20)", null));
        assertEquals(new TimeitMagic.Options(10, 3, "s.split(\"a  b\")"),
                TimeitMagic.parse("-n 10 -r 3 s.split(\"a  b\")", null));
        assertEquals(new TimeitMagic.Options(5, 7, "x++;\ny++;"), TimeitMagic.parse("-n 5", "x++;\ny++;"));
        assertEquals(new TimeitMagic.Options(0, 7, "-1 + x"), TimeitMagic.parse("-1 + x", null));
    }

    @Test
    void timeitRejectsBadArguments() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TimeitMagic.parse("-n zero f()", null))
                .getMessage().contains("-n needs a positive number, got 'zero'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TimeitMagic.parse("-q 3 f()", null))
                .getMessage().contains("unknown option -q"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TimeitMagic.parse("-n 3", null))
                .getMessage().contains("needs code"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TimeitMagic.parse("extra", "body"))
                .getMessage().contains("unexpected argument 'extra'"));
    }

    @Test
    void timeitReportHasIPythonsLayout() {
        assertEquals("1.50 µs ± 500 ns per loop (mean ± std. dev. of 2 runs, 100,000 loops each)",
                TimeitMagic.report(List.of(1e-6, 2e-6), 100_000));
        assertEquals("2.00 s ± 0 ns per loop (mean ± std. dev. of 1 run, 1 loop each)",
                TimeitMagic.report(List.of(2.0), 1));
    }

    @Test
    void timesAreFormattedWithThreeSignificantDigits() {
        assertEquals("12.3 ms", TimeFormat.seconds(0.012345));
        assertEquals("1.00 s", TimeFormat.seconds(1.0));
        assertEquals("999 ns", TimeFormat.seconds(999e-9));
        assertEquals("42.0 µs", TimeFormat.format(42_000));
    }

    @Test
    void timeReportHasIPythonsLayout() {
        assertEquals("CPU times: user 1.20 s, sys: 30.0 ms, total: 1.23 s\nWall time: 650 ms",
                TimeMagic.report(new ProcessCpuTime(1_200_000_000L, 30_000_000L), 650_000_000L));
    }

    @Test
    void procStatFieldsGiveProcessTreeCpuTime() {
        String stat = "1234 (java (x)) S 1 1234 1234 0 -1 4194560 100 0 0 0 150 20 7 3 20 0 30 0 1 0 0";
        ProcessCpuTime cpu = ProcessCpuTime.parseStat(stat);
        assertEquals((150 + 7) * 10_000_000L, cpu.userNanos());
        assertEquals((20 + 3) * 10_000_000L, cpu.systemNanos());
    }

    @Test
    void classpathResolvesFoldersJarsAndGlobs(@TempDir Path dir) throws IOException {
        Path classes = Files.createDirectory(dir.resolve("classes"));
        Path a = Files.createFile(dir.resolve("a.jar"));
        Path b = Files.createFile(dir.resolve("b.jar"));
        Files.createFile(dir.resolve("notes.txt"));
        List<Path> added = new ArrayList<>();
        ClasspathMagic classpath = new ClasspathMagic("classpath", ClasspathMagic.Accepted.JARS_AND_FOLDERS, added::addAll);
        assertEquals(List.of(classes, a, b), classpath.resolve(List.of(classes.toString(), dir + "/*.jar")));
        ClasspathMagic jars = new ClasspathMagic("jars", ClasspathMagic.Accepted.JARS, added::addAll);
        assertEquals(List.of(a, b), jars.resolve(List.of(dir.toString())));
    }

    @Test
    void classpathRejectsWhatMatchesNothingAndAddsNothing(@TempDir Path dir) throws IOException {
        Path a = Files.createFile(dir.resolve("a.jar"));
        Files.createFile(dir.resolve("notes.txt"));
        List<Path> added = new ArrayList<>();
        ClasspathMagic classpath = new ClasspathMagic("classpath", ClasspathMagic.Accepted.JARS_AND_FOLDERS, added::addAll);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> classpath.eval(null, List.of(a.toString(), dir + "/missing.jar")));
        assertTrue(missing.getMessage().contains("no file or folder matches"), missing.getMessage());
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
                () -> classpath.eval(null, List.of(dir + "/notes.txt")));
        assertTrue(text.getMessage().contains("is neither a jar nor a folder"), text.getMessage());
        assertThrows(IllegalArgumentException.class, () -> classpath.eval(null, List.of()));
        assertTrue(added.isEmpty());
    }

    @Test
    void anUnknownMagicIsMatchedToTheClosestKnownOne() {
        java.util.Set<String> known = java.util.Set.of("maven", "mavenRepo", "loadFromPOM", "time", "timeit");
        assertEquals(java.util.Optional.of("maven"), KernelMagicsRegistry.closest("mavn", known));
        assertEquals(java.util.Optional.of("loadFromPOM"), KernelMagicsRegistry.closest("loadfrompom", known));
        assertEquals(java.util.Optional.of("timeit"), KernelMagicsRegistry.closest("timit", known));
        assertEquals(java.util.Optional.empty(), KernelMagicsRegistry.closest("frobnicate", known));
    }

    @Test
    void partialUtf8CharactersWaitForTheirLastByte() {
        byte[] euro = "a€".getBytes(java.nio.charset.StandardCharsets.UTF_8);     // 61 E2 82 AC
        assertEquals(4, CellOutputStream.completeUtf8Length(euro));
        assertEquals(1, CellOutputStream.completeUtf8Length(java.util.Arrays.copyOf(euro, 3)));
        assertEquals(1, CellOutputStream.completeUtf8Length(java.util.Arrays.copyOf(euro, 2)));
    }
}
