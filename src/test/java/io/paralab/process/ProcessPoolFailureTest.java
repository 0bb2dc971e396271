package io.paralab.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/** Workers that die, hang or run tasks side by side: each test builds its own small pool. */
class ProcessPoolFailureTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void aWorkerKilledMidTaskFailsThatTaskNamingPidAndSignalAndOthersComplete() throws Exception {
        FileSignal started = FileSignal.in(dir, "started");
        FileSignal never = FileSignal.in(dir, "never");
        try (ProcessPool pool = ProcessPool.of(2)) {
            Future<String> victim = pool.submit(() -> {
                started.fire(Long.toString(ProcessHandle.current().pid()));
                return never.await(Duration.ofMinutes(5));
            });
            long pid = Long.parseLong(started.await(WAIT));
            List<Future<Integer>> others = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                others.add(pool.submit(() -> n * 10));
            }
            new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
            ExecutionException e = assertThrows(ExecutionException.class, () -> victim.get(30, TimeUnit.SECONDS));
            WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, e.getCause());
            assertEquals(pid, died.pid());
            assertTrue(died.getMessage().contains("pid " + pid), died.getMessage());
            assertTrue(died.getMessage().contains("signal 9 (SIGKILL)"), died.getMessage());
            for (int i = 0; i < others.size(); i++) {
                assertEquals(i * 10, others.get(i).get(30, TimeUnit.SECONDS));
            }
            assertEquals(List.of(1, 4, 9), pool.map(x -> x * x, List.of(1, 2, 3)));
            assertFalse(pool.workerPids().contains(pid));
        }
    }

    @Test
    void aTaskCallingSystemExitFailsWithTheExitCodeAndThePoolGoesOn() throws Exception {
        try (ProcessPool pool = ProcessPool.of(1)) {
            Future<Integer> exits = pool.submit(() -> {
                System.exit(42);
                return 0;
            });
            ExecutionException e = assertThrows(ExecutionException.class, () -> exits.get(30, TimeUnit.SECONDS));
            WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, e.getCause());
            assertTrue(died.getMessage().contains("exited with code 42"), died.getMessage());
            assertTrue(died.getMessage().contains("System.exit"), died.getMessage());
            assertEquals(5, pool.submit(() -> 5).get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void aWorkerOutOfMemoryFailsItsTaskAndIsReplaced() throws Exception {
        try (ProcessPool pool = ProcessPool.builder().workers(1).jvmOptions("-Xmx32m").build()) {
            Future<Integer> hog = pool.submit(() -> {
                List<long[]> hoard = new ArrayList<>();
                while (true) {
                    hoard.add(new long[1 << 20]);
                }
            });
            ExecutionException e = assertThrows(ExecutionException.class, () -> hog.get(60, TimeUnit.SECONDS));
            WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, e.getCause());
            assertTrue(died.getMessage().contains("OutOfMemoryError"), died.getMessage());
            assertTrue(died.getMessage().contains("exited with code 3"), died.getMessage());
            assertEquals(6, pool.submit(() -> 6).get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void aTaskOverItsTimeoutFailsWithATimeoutAndItsWorkerIsReplaced() throws Exception {
        FileSignal never = FileSignal.in(dir, "never");
        // The limit applies to every task, also the trivial one that then runs on the cold replacement worker:
        // it must leave that one room on a loaded machine.
        try (ProcessPool pool = ProcessPool.builder().workers(1).taskTimeout(Duration.ofSeconds(3)).build()) {
            long before = pool.workerPids().getFirst();
            Future<String> slow = pool.submit(() -> never.await(Duration.ofMinutes(5)));
            Future<Integer> next = pool.submit(() -> 8);
            ExecutionException e = assertThrows(ExecutionException.class, () -> slow.get(30, TimeUnit.SECONDS));
            TaskTimeoutException timeout = assertInstanceOf(TaskTimeoutException.class, e.getCause());
            assertInstanceOf(TimeoutException.class, timeout);
            assertTrue(timeout.getMessage().contains("3000 ms"), timeout.getMessage());
            assertEquals(8, next.get(30, TimeUnit.SECONDS));
            assertFalse(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false));
        }
    }

    @Test
    void aRetriedTaskRunsAgainOnANewWorker() throws Exception {
        FileSignal firstTry = FileSignal.in(dir, "first-try");
        try (ProcessPool pool = ProcessPool.builder().workers(1).retries(1).build()) {
            Future<String> flaky = pool.submit(() -> {
                if (!firstTry.fired()) {
                    firstTry.fire("x");
                    Runtime.getRuntime().halt(9);
                }
                return "second try";
            });
            assertEquals("second try", flaky.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void aTaskThatKeepsKillingItsWorkerFailsOnceItsRetriesAreSpent() {
        try (ProcessPool pool = ProcessPool.builder().workers(1).retries(2).build()) {
            Future<String> dies = pool.submit(() -> {
                Runtime.getRuntime().halt(7);
                return "never";
            });
            ExecutionException e = assertThrows(ExecutionException.class, () -> dies.get(60, TimeUnit.SECONDS));
            WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, e.getCause());
            assertTrue(died.getMessage().contains("exited with code 7"), died.getMessage());
            assertTrue(died.getMessage().contains("after 2 retries"), died.getMessage());
        }
    }

    @Test
    void invokeAllWithATimeoutCancelsWhatIsStillRunning() throws Exception {
        FileSignal never = FileSignal.in(dir, "never");
        try (ProcessPool pool = ProcessPool.of(2)) {
            List<java.util.concurrent.Callable<String>> tasks = List.of(
                    (SerializableCallable<String>) () -> "quick",
                    (SerializableCallable<String>) () -> never.await(Duration.ofMinutes(5)));
            List<Future<String>> futures = pool.invokeAll(tasks, 2, TimeUnit.SECONDS);
            assertEquals("quick", futures.get(0).get());
            assertTrue(futures.get(1).isCancelled());
            assertEquals(3, pool.submit(() -> 3).get(30, TimeUnit.SECONDS), "the pool replaced the killed worker");
        }
    }

    @Test
    void withoutRetriesADeadWorkersTaskFails() {
        try (ProcessPool pool = ProcessPool.builder().workers(1).build()) {
            Future<String> dies = pool.submit(() -> {
                Runtime.getRuntime().halt(9);
                return "never";
            });
            ExecutionException e = assertThrows(ExecutionException.class, () -> dies.get(30, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("exited with code 9"), e.getCause().getMessage());
        }
    }

    /** Lives in the worker JVM: all tasks of one worker share it. */
    static final class Rendezvous {
        static final CyclicBarrier BARRIER = new CyclicBarrier(3);
    }

    @Test
    void threadsPerWorkerRunTasksConcurrentlyInOneProcess() throws Exception {
        try (ProcessPool pool = ProcessPool.builder().workers(1).threadsPerWorker(3).build()) {
            List<Future<Long>> futures = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                futures.add(pool.submit(() -> {
                    Rendezvous.BARRIER.await(20, TimeUnit.SECONDS);   // only passes if all three run at once
                    return ProcessHandle.current().pid();
                }));
            }
            List<Long> pids = new ArrayList<>();
            for (Future<Long> f : futures) {
                pids.add(f.get(30, TimeUnit.SECONDS));
            }
            assertEquals(1, pids.stream().distinct().count());
            assertEquals(pool.workerPids().getFirst(), pids.getFirst());
        }
    }

    @Test
    void oneThreadPerWorkerRunsTasksOneAtATime() {
        try (ProcessPool pool = ProcessPool.builder().workers(1).threadsPerWorker(1).build()) {
            Future<Integer> f = pool.submit(() -> {
                try {
                    Rendezvous.BARRIER.await(300, TimeUnit.MILLISECONDS);
                    return 0;
                } catch (TimeoutException | BrokenBarrierException e) {
                    return 1;
                }
            });
            assertEquals(1, assertDoesNotThrow(() -> f.get(30, TimeUnit.SECONDS)));
        }
    }

    @Test
    void manyTasksAroundAKilledWorkerAreAllAccountedFor() throws Exception {
        FileSignal started = FileSignal.in(dir, "started");
        FileSignal never = FileSignal.in(dir, "never");
        try (ProcessPool pool = ProcessPool.builder().workers(2).retries(0).build()) {
            Future<String> victim = pool.submit(() -> {
                started.fire(Long.toString(ProcessHandle.current().pid()));
                return never.await(Duration.ofMinutes(5));
            });
            long pid = Long.parseLong(started.await(WAIT));
            List<Integer> items = IntStream.range(0, 3000).boxed().toList();
            Future<List<Integer>> mapped = java.util.concurrent.CompletableFuture.supplyAsync(() -> pool.map(x -> x + 1, items));
            new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
            assertEquals(items.stream().map(x -> x + 1).toList(), mapped.get(60, TimeUnit.SECONDS));
            assertInstanceOf(WorkerDiedException.class,
                    assertThrows(ExecutionException.class, () -> victim.get(30, TimeUnit.SECONDS)).getCause());
        }
    }
    /** Lives in the worker JVM: four tasks of one worker meet here, so all four run when one ends the worker. */
    static final class FourAtOnce {
        static final CyclicBarrier BARRIER = new CyclicBarrier(4);
    }

    private static List<Future<Integer>> submitBystanders(ProcessPool pool, FileSignal culpritActed, FileSignal never) {
        List<Future<Integer>> bystanders = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int n = i;
            bystanders.add(pool.submit(() -> {
                if (!culpritActed.fired()) {                        // the first run: held until the worker dies
                    FourAtOnce.BARRIER.await(20, TimeUnit.SECONDS);
                    never.await(Duration.ofMinutes(5));
                }
                return n * 100;
            }));
        }
        return bystanders;
    }

    @Test
    void tasksRunningBesideOneThatCallsSystemExitAreRunAgainWithoutUsingRetries() throws Exception {
        FileSignal exiting = FileSignal.in(dir, "exiting");
        FileSignal never = FileSignal.in(dir, "never");
        try (ProcessPool pool = ProcessPool.builder().workers(1).threadsPerWorker(4).retries(0).build()) {
            long pid = pool.workerPids().getFirst();
            List<Future<Integer>> bystanders = submitBystanders(pool, exiting, never);
            Future<Integer> culprit = pool.submit(() -> {
                FourAtOnce.BARRIER.await(20, TimeUnit.SECONDS);
                exiting.fire("x");
                System.exit(3);
                return 0;
            });
            WorkerDiedException died = assertInstanceOf(WorkerDiedException.class,
                    assertThrows(ExecutionException.class, () -> culprit.get(60, TimeUnit.SECONDS)).getCause());
            assertEquals(WorkerDiedException.Role.CULPRIT, died.role());
            assertEquals(pid, died.pid());
            assertTrue(died.getMessage().contains("exited with code 3 (System.exit was called by the task)"), died.getMessage());
            for (int i = 0; i < 3; i++) {
                assertEquals((i + 1) * 100, bystanders.get(i).get(60, TimeUnit.SECONDS), "bystander " + (i + 1));
            }
        }
    }

    @Test
    void whenNobodyCanTellTheCauseTheTasksThatRanRunAgainAloneAndOnlyTheCulpritFails() throws Exception {
        FileSignal halted = FileSignal.in(dir, "halted");
        FileSignal never = FileSignal.in(dir, "never");
        try (ProcessPool pool = ProcessPool.builder().workers(1).threadsPerWorker(4).retries(0).build()) {
            List<Future<Integer>> bystanders = submitBystanders(pool, halted, never);
            Future<Integer> culprit = pool.submit(() -> {
                if (!halted.fired()) {
                    FourAtOnce.BARRIER.await(20, TimeUnit.SECONDS);
                    halted.fire("x");
                }
                Runtime.getRuntime().halt(9);                       // no hook, no report: the cause is unknown
                return 0;
            });
            WorkerDiedException died = assertInstanceOf(WorkerDiedException.class,
                    assertThrows(ExecutionException.class, () -> culprit.get(60, TimeUnit.SECONDS)).getCause());
            assertEquals(WorkerDiedException.Role.CULPRIT, died.role());
            assertTrue(died.getMessage().contains("exited with code 9 while running task"), died.getMessage());
            assertTrue(died.getMessage().endsWith("which ran alone on it"), died.getMessage());
            for (int i = 0; i < 3; i++) {
                assertEquals((i + 1) * 100, bystanders.get(i).get(60, TimeUnit.SECONDS), "bystander " + (i + 1));
            }
            assertEquals(5, pool.submit(() -> 5).get(30, TimeUnit.SECONDS));
        }
    }
}
