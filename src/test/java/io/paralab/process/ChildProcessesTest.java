package io.paralab.process;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import static org.junit.jupiter.api.Assertions.*;

/** A process that a task starts ends with the child JVM that ran the task, however that JVM ends. */
class ChildProcessesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final List<Long> sleepers = new ArrayList<>();

    @AfterEach
    void killSleepersLeftBehind() {
        sleepers.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    /** Starts {@code sleep 300} and returns its pid. */
    static long startSleep() throws IOException {
        return new ProcessBuilder("sleep", "300").start().pid();
    }

    private long started(long pid) {
        sleepers.add(pid);
        assertTrue(alive(pid), "sleep " + pid + " runs");
        return pid;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void assertEnds(long pid, String when) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (alive(pid)) {
            assertTrue(System.nanoTime() < deadline, "sleep " + pid + " still runs 10 s after " + when);
            Thread.sleep(10);
        }
    }

    @Test
    void aPoolsCloseEndsTheProcessesItsTasksStarted() throws Exception {
        long sleep;
        try (ProcessPool pool = ProcessPool.of(1)) {
            sleep = started(pool.submit(ChildProcessesTest::startSleep).get(30, TimeUnit.SECONDS));
        }
        assertEnds(sleep, "the pool's close()");
    }

    /** What the task does after it started {@code sleep 300}; runs in the worker. */
    private interface Then extends java.io.Serializable {
        void run() throws Exception;
    }

    /**
     * Runs, in a one-worker pool, a task that starts {@code sleep 300} and then does {@code then} (while the
     * test does {@code meanwhile} to the worker), and checks that the task fails with {@code failure} and the
     * sleep ends with the worker.
     */
    private void assertTheSleepEndsWithItsWorker(ProcessPool.Builder builder, Then then, LongConsumer meanwhile,
                                                 Class<? extends Exception> failure, String when) throws Exception {
        FileSignal sleeping = FileSignal.in(dir, "sleeping");
        try (ProcessPool pool = builder.workers(1).build()) {
            long worker = pool.workerPids().getFirst();
            Future<Integer> task = pool.submit(() -> {
                sleeping.fire(Long.toString(startSleep()));
                then.run();
                return 0;
            });
            long sleep = started(Long.parseLong(sleeping.await(WAIT)));
            meanwhile.accept(worker);
            assertInstanceOf(failure, assertThrows(ExecutionException.class, () -> task.get(30, TimeUnit.SECONDS)).getCause());
            assertEnds(sleep, when);
        }
    }

    @Test
    void aWorkerKilledByThePoolTakesTheProcessesItsTaskStarted() throws Exception {
        FileSignal never = FileSignal.in(dir, "never");
        assertTheSleepEndsWithItsWorker(ProcessPool.builder().taskTimeout(Duration.ofSeconds(3)),
                () -> never.await(Duration.ofMinutes(5)), worker -> { }, TaskTimeoutException.class,
                "its worker was killed for a timeout");
    }

    @Test
    void aWorkerEndedBySystemExitTakesTheProcessesItsTaskStarted() throws Exception {
        assertTheSleepEndsWithItsWorker(ProcessPool.builder(), () -> System.exit(4), worker -> { },
                WorkerDiedException.class, "its worker called System.exit");
    }

    @Test
    void aWorkerKilledFromOutsideThePoolTakesTheProcessesItsTaskStarted() throws Exception {
        FileSignal never = FileSignal.in(dir, "never");
        assertTheSleepEndsWithItsWorker(ProcessPool.builder(), () -> never.await(Duration.ofMinutes(5)),
                worker -> ProcessHandle.of(worker).ifPresent(ProcessHandle::destroyForcibly), WorkerDiedException.class,
                "its worker was killed by SIGKILL from outside the pool");
    }

    @Test
    void aWorkerEndedByRuntimeHaltTakesTheProcessesItsTaskStarted() throws Exception {
        assertTheSleepEndsWithItsWorker(ProcessPool.builder(), () -> Runtime.getRuntime().halt(6), worker -> { },
                WorkerDiedException.class, "its worker halted");
    }

    @Test
    void anEnvironmentEntryIsFoundOnlyWhole() {
        byte[] environment = "A=1\0PARALAB_CHILD_OF=42-worker-1-3\0B=2".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(ProcessTree.holdsEntry(environment, "PARALAB_CHILD_OF=42-worker-1-3".getBytes()));
        assertTrue(ProcessTree.holdsEntry(environment, "B=2".getBytes()));
        assertFalse(ProcessTree.holdsEntry(environment, "PARALAB_CHILD_OF=42-worker-1-".getBytes()));
        assertFalse(ProcessTree.holdsEntry(environment, "PARALAB_CHILD_OF=2-worker-1-3".getBytes()));
    }

    @Test
    void aJvmProcessThatRanItsTaskTakesTheProcessesTheTaskStarted() throws Exception {
        FileSignal sleeping = FileSignal.in(dir, "sleeping");
        FileSignal go = FileSignal.in(dir, "go");
        try (JvmProcess<String> child = JvmProcess.start(() -> {
            sleeping.fire(Long.toString(startSleep()));
            return go.await(Duration.ofMinutes(1));
        })) {
            long sleep = started(Long.parseLong(sleeping.await(WAIT)));
            go.fire("done");
            assertEquals("done", child.result());
            assertEquals(0, child.waitFor());
            assertEnds(sleep, "the child JVM ended");
        }
    }
}
