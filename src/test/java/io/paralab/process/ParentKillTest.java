package io.paralab.process;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Workers must not outlive a parent that was killed with SIGKILL (no shutdown hook ran). */
class ParentKillTest {

    @Test
    void workersExitWithinTwoSecondsOfTheirParentsSigkill() throws Exception {
        Process harness = JavaChild.start(PoolHarness.class, "2").process();
        List<Long> workers;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(harness.getInputStream()));
            String line = out.readLine();
            assertNotNull(line, "the harness printed no pids");
            assertTrue(line.startsWith("PIDS "), line);
            workers = Arrays.stream(line.substring(5).trim().split(" ")).map(Long::parseLong).toList();
            assertEquals(2, workers.size());
            for (long pid : workers) {
                assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid + " runs");
            }
            new ProcessBuilder("kill", "-9", Long.toString(harness.pid())).start().waitFor();
            assertTrue(harness.waitFor(10, TimeUnit.SECONDS), "the harness died");
        } finally {
            harness.destroyForcibly();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (long pid : workers) {
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                if (System.nanoTime() > deadline) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    fail("worker " + pid + " still runs 2 s after its parent was killed");
                }
                Thread.onSpinWait();
            }
        }
    }
}
