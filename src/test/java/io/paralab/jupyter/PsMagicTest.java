package io.paralab.jupyter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PsMagicTest {

    private static final long ME = ProcessHandle.current().pid();

    @Test
    @EnabledOnOs(OS.LINUX)
    void listsThisJvmWithDetailsFromProc() {
        ProcessTable table = new PsMagic().run(List.of());

        ProcessRow me = table.row(ME).orElseThrow();
        assertEquals(0, me.depth());
        assertEquals(me, table.rows().get(0), "this JVM is the root, listed first");
        assertTrue(me.command().startsWith("java "), me.command());
        assertTrue(me.state().orElseThrow().startsWith("R") || me.state().orElseThrow().startsWith("S"), me.state().toString());
        assertTrue(me.threads().orElseThrow() > 1, "a JVM runs several threads");
        assertTrue(me.rssKiB().orElseThrow() > 1024, "a JVM holds more than 1 MiB");
        assertTrue(me.cpuTime().orElseThrow().toNanos() > 0);
        assertTrue(table.detailsAvailable());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void listsAChildProcessUnderThisJvm() throws Exception {
        Process child = startChild();
        try {
            ProcessTable table = new PsMagic().run(List.of());

            ProcessRow row = table.row(child.pid()).orElseThrow(() -> new AssertionError(table.toText()));
            assertEquals(1, row.depth());
            assertEquals(ME, row.parentPid().orElseThrow());
            assertTrue(row.command().startsWith("java -cp … "), row.command());
            assertTrue(row.command().endsWith(ChildThatWaits.class.getName()), row.command());
            assertTrue(row.state().orElseThrow().startsWith("S"), "waits on stdin: " + row.state());
            assertTrue(row.threads().orElseThrow() > 1);
            assertTrue(row.rssKiB().orElseThrow() > 0);
            assertTrue(table.toText().contains("└─ java -cp … " + ChildThatWaits.class.getName()), table.toText());
            assertTrue(table.toHtml().contains("<td style=\"text-align:right\">" + child.pid() + "</td>"), table.toHtml());
        } finally {
            stop(child);
        }
        assertFalse(new PsMagic().run(List.of()).row(child.pid()).isPresent(), "a stopped child is gone");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void allListsProcessesOfThisUserIncludingThisJvm() {
        ProcessTable table = new PsMagic().run(List.of("--all"));
        assertTrue(table.row(ME).isPresent());
        assertTrue(table.caption().startsWith("Processes of user "), table.caption());
        ProcessRow me = table.row(ME).orElseThrow();
        if (me.depth() > 0) {
            long parent = me.parentPid().orElseThrow();
            int parentIndex = indexOf(table, parent);
            assertTrue(parentIndex >= 0 && parentIndex < table.rows().indexOf(me), "parents come before children");
        }
    }

    @Test
    void unknownOptionIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PsMagic().run(List.of("--bogus")));
        assertEquals("unknown option '--bogus'; %ps takes [--all]", e.getMessage());
    }

    @Test
    void unexpectedArgumentIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PsMagic().run(List.of("--all", "java")));
        assertEquals("unexpected argument 'java'; %ps takes [--all]", e.getMessage());
    }

    @Test
    void repeatedOptionIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PsMagic().run(List.of("--all", "--all")));
        assertEquals("option '--all' given twice; %ps takes [--all]", e.getMessage());
    }

    @Test
    void withoutProcTheTableDegradesToWhatProcessHandleKnows(@TempDir Path empty) {
        ProcessTable table = ProcessTable.of(ProcessHandle.current(), new ProcessLister(new ProcFs(empty.resolve("no-proc"))));

        ProcessRow me = table.row(ME).orElseThrow();
        assertTrue(me.state().isEmpty());
        assertTrue(me.rssKiB().isEmpty());
        assertTrue(me.threads().isEmpty());
        assertTrue(me.cpuTime().isPresent() || !OS.LINUX.isCurrentOs());
        assertFalse(table.detailsAvailable());
        assertTrue(table.toText().contains("State, memory and threads need Linux's /proc, which this system does not have."),
                table.toText());
        assertTrue(table.toText().lines().anyMatch(l -> l.strip().startsWith(ME + "  ") && l.endsWith("–")), table.toText());
    }

    @Test
    void readsStatusFields(@TempDir Path proc) throws IOException {
        Files.createDirectories(proc.resolve("42"));
        Files.writeString(proc.resolve("42/status"), """
                Name:\tjava
                State:\tS (sleeping)
                VmRSS:\t   51200 kB
                Threads:\t17
                """);
        ProcFs.Status status = new ProcFs(proc).status(42).orElseThrow();
        assertEquals("S (sleeping)", status.state().orElseThrow());
        assertEquals(51200, status.rssKiB().orElseThrow());
        assertEquals(17, status.threads().orElseThrow());
        assertTrue(new ProcFs(proc).status(43).isEmpty(), "a process that has gone has no status");
    }

    @Test
    void shortensCommandLines() {
        assertEquals("java -Xmx1g -cp … io.paralab.process.WorkerMain 3",
                ProcessLister.shortCommand("/usr/lib/jvm/temurin-25/bin/java -Xmx1g -cp /a.jar:/b.jar io.paralab.process.WorkerMain 3"));
        assertEquals("python3 -m unittest", ProcessLister.shortCommand("/usr/bin/python3 -m unittest"));
        String longOne = ProcessLister.shortCommand("sleep " + "9".repeat(300));
        assertEquals(120, longOne.length());
        assertTrue(longOne.endsWith("…"));
    }

    private static int indexOf(ProcessTable table, long pid) {
        for (int i = 0; i < table.rows().size(); i++) {
            if (table.rows().get(i).pid() == pid) {
                return i;
            }
        }
        return -1;
    }

    private static Process startChild() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        // only the test classes: the whole test class path is longer than the 4 KiB of a command line /proc shows
        String testClasses = Path.of(ChildThatWaits.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Process child = new ProcessBuilder(java, "-cp", testClasses, ChildThatWaits.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        try {
            assertEquals("ready", assertTimeoutPreemptively(Duration.ofSeconds(30), out::readLine));
        } catch (Throwable t) {
            child.destroyForcibly();
            throw t;
        }
        return child;
    }

    private static void stop(Process child) throws InterruptedException, IOException {
        try {
            child.getOutputStream().close();
            if (!child.waitFor(10, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            child.destroyForcibly();
        }
    }
}
