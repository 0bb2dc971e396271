package io.paralab.process;

import io.paralab.threads.CancellationScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The pool's everyday contracts, on one shared pool of two workers. */
class ProcessPoolTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> observed = Collections.synchronizedList(new ArrayList<>());
    private static ProcessPool pool;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPool() {
        pool = ProcessPool.builder().workers(2).observer((worker, task, start, end) -> observed.add(worker + "|" + task)).build();
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @Test
    void mapReturnsResultsInItemOrder() {
        List<Integer> items = IntStream.range(0, 2000).boxed().toList();
        assertEquals(items.stream().map(x -> x * x).toList(), pool.map(x -> x * x, items));
    }

    @Test
    void mapRunsInTheWorkersNotHere() {
        List<Long> pids = pool.map(x -> ProcessHandle.current().pid(), IntStream.range(0, 50).boxed().toList());
        assertFalse(pids.contains(ProcessHandle.current().pid()));
        assertTrue(pool.workerPids().containsAll(Set.copyOf(pids)), pids + " vs " + pool.workerPids());
    }

    @Test
    void mapOfNoItemsIsEmpty() {
        assertEquals(List.of(), pool.map(x -> x, List.of()));
    }

    @Test
    void objectsTravelBothWays() {
        record Pair(int a, String b) implements Serializable {}
        List<Pair> out = pool.map(p -> new Pair(p.a() * 2, p.b() + "!"), List.of(new Pair(1, "x"), new Pair(2, "y")));
        assertEquals(List.of(new Pair(2, "x!"), new Pair(4, "y!")), out);
    }

    @Test
    void chunksGroupItemsIntoOneTaskEach() {
        observed.clear();
        List<Integer> result = pool.map(x -> x + 1, IntStream.range(0, 10).boxed().toList(), 4);
        assertEquals(IntStream.range(1, 11).boxed().toList(), result);
        Set<String> tasks = observed.stream().map(s -> s.substring(s.indexOf('|') + 1)).collect(Collectors.toSet());
        assertEquals(Set.of("items 0..3", "items 4..7", "items 8..9"), tasks);
        assertTrue(observed.stream().allMatch(s -> s.matches("worker-\\d+ \\(pid \\d+\\)\\|.*")), observed.toString());
    }

    @Test
    void progressReachesTheTotal() {
        AtomicLong last = new AtomicLong();
        Set<Long> totals = ConcurrentHashMap.newKeySet();
        pool.map(x -> x, IntStream.range(0, 100).boxed().toList(), 7, (done, total) -> {
            last.accumulateAndGet(done, Math::max);
            totals.add(total);
        });
        assertEquals(100, last.get());
        assertEquals(Set.of(100L), totals);
    }

    @Test
    void asCompletedStreamsInCompletionOrder() {
        FileSignal release = FileSignal.in(dir, "release");
        // item 0 cannot finish until this test has received item 1 from the stream and released it
        try (Stream<Integer> stream = pool.mapAsCompleted(i -> {
            if (i == 0) {
                release.await(WAIT);
            }
            return i;
        }, List.of(0, 1))) {
            Iterator<Integer> results = stream.iterator();
            assertEquals(1, results.next());
            release.fire("go");
            assertEquals(0, results.next());
            assertFalse(results.hasNext());
        }
    }

    @Test
    void aFailedItemFailsTheMapWithTheRemoteException() {
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> pool.map(x -> 10 / x, List.of(1, 0, 2)));
        assertInstanceOf(ArithmeticException.class, e.getCause());
        assertTrue(e.getMessage().startsWith("item 1 failed"), e.getMessage());
    }

    @Test
    void submitReturnsTheResult() throws Exception {
        Future<Long> pid = pool.submit(() -> ProcessHandle.current().pid());
        assertTrue(pool.workerPids().contains(pid.get()));
    }

    @Test
    void remoteExceptionKeepsClassStackTraceAndCauses() {
        Future<Integer> f = pool.submit(() -> {
            try {
                return Integer.parseInt("not a number");
            } catch (NumberFormatException e) {
                throw new IllegalStateException("parsing failed", e);
            }
        });
        ExecutionException e = assertThrows(ExecutionException.class, f::get);
        IllegalStateException remote = assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("parsing failed", remote.getMessage());
        assertInstanceOf(NumberFormatException.class, remote.getCause());
        assertTrue(Stream.of(remote.getStackTrace()).anyMatch(t -> t.getClassName().startsWith(ProcessPoolTest.class.getName())),
                "remote stack trace names the lambda's class");
        assertTrue(Stream.of(remote.getStackTrace()).anyMatch(t -> t.getClassName().equals(ChildWorker.class.getName())),
                "remote stack trace shows the worker's frames");
    }

    /** An exception that cannot be serialized: it holds a thread. */
    static final class Unsendable extends RuntimeException {
        @SuppressWarnings("unused")
        private final Object thread = Thread.currentThread();

        Unsendable() {
            super("cannot travel");
        }
    }

    @Test
    void anUnserializableExceptionArrivesAsAStandIn() {
        Future<Object> f = pool.submit((SerializableCallable<Object>) () -> {
            throw new Unsendable();
        });
        ExecutionException e = assertThrows(ExecutionException.class, f::get);
        RemoteTaskException standIn = assertInstanceOf(RemoteTaskException.class, e.getCause());
        assertEquals(Unsendable.class.getName(), standIn.remoteClassName());
        assertTrue(standIn.getMessage().contains("cannot travel"));
        assertTrue(standIn.getStackTrace().length > 0);
    }

    @Test
    void submitRunnableAndResult() throws Exception {
        assertNull(pool.submit((SerializableRunnable) () -> { }).get());
        assertEquals("kept", pool.submit((Runnable & Serializable) () -> { }, "kept").get());
    }

    @Test
    void invokeAllAndInvokeAny() throws Exception {
        List<Callable<Integer>> tasks = List.of((SerializableCallable<Integer>) () -> 1, (SerializableCallable<Integer>) () -> 2);
        List<Integer> all = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(tasks)) {
            all.add(f.get());
        }
        assertEquals(List.of(1, 2), all);
        assertTrue(Set.of(1, 2).contains(pool.invokeAny(tasks)));
        List<Callable<Integer>> failing = List.of((SerializableCallable<Integer>) () -> {
            throw new IllegalStateException("nope");
        });
        ExecutionException e = assertThrows(ExecutionException.class, () -> pool.invokeAny(failing, 20, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void anUnserializableLambdaFailsAtSubmitNamingTheCapturedClass() {
        Thread captured = Thread.currentThread();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pool.map(x -> x + captured.getName(), List.of(1)));
        assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());
        assertTrue(e.getMessage().contains("captured arg 0"), e.getMessage());
    }

    @Test
    void anUnserializableItemFailsAtSubmitNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pool.map(x -> x.toString(), List.of(new Object())));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
        assertTrue(e.getMessage().startsWith("item 0"), e.getMessage());
    }

    @Test
    void aPlainCallableThatIsNotSerializableIsRejected() {
        Callable<Integer> plain = new Callable<>() {
            @Override
            public Integer call() {
                return 1;
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.submit(plain));
        assertTrue(e.getMessage().contains("is not Serializable"), e.getMessage());
    }

    @Test
    void nonsenseArgumentsAreIllegal() {
        assertThrows(IllegalArgumentException.class, () -> ProcessPool.builder().workers(0));
        assertThrows(IllegalArgumentException.class, () -> ProcessPool.builder().threadsPerWorker(-1));
        assertThrows(IllegalArgumentException.class, () -> ProcessPool.builder().retries(-1));
        assertThrows(IllegalArgumentException.class, () -> ProcessPool.builder().taskTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> pool.map(x -> x, List.of(1), 0));
    }

    @Test
    void jvmOptionsThatWouldPrintOnTheChannelAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProcessPool.builder().jvmOptions("-verbose:class"));
        assertTrue(e.getMessage().contains("-verbose:class"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ProcessPool.builder().jvmOptions("-Xlog:gc"));
        assertThrows(IllegalArgumentException.class, () -> JvmProcess.builder().jvmOptions("-Xlog:gc:stdout"));
        assertDoesNotThrow(() -> ProcessPool.builder().jvmOptions("-Xlog:gc:stderr", "-Xmx64m"));
    }

    @Test
    void aCancelledScopeCancelsItsTasksAndThePoolRecovers() throws Exception {
        FileSignal started = FileSignal.in(dir, "started");
        FileSignal never = FileSignal.in(dir, "never");
        CancellationScope scope = new CancellationScope("cell");
        Future<String> f;
        try (CancellationScope.Binding ignored = scope.enter()) {
            f = pool.submit(() -> {
                started.fire("yes");
                return never.await(Duration.ofMinutes(5));
            });
        }
        started.await(WAIT);
        scope.cancel();
        assertThrows(CancellationException.class, f::get);
        assertEquals(0, scope.openRegistrations());
        assertEquals(List.of(2, 4), pool.map(x -> x * 2, List.of(1, 2)));
    }

    @Test
    void aPoolCreatedInAScopeIsShutDownWithItsWorkersWhenTheScopeIsCancelled() throws Exception {
        CancellationScope scope = new CancellationScope("cell");
        ProcessPool made;
        try (CancellationScope.Binding ignored = scope.enter()) {
            made = ProcessPool.of(2);
        }
        List<ProcessHandle> workers = made.workerPids().stream()
                .map(pid -> ProcessHandle.of(pid).orElseThrow()).toList();
        assertEquals(1, scope.openRegistrations());
        scope.cancel();
        assertTrue(made.awaitTermination(30, TimeUnit.SECONDS));
        for (ProcessHandle worker : workers) {
            worker.onExit().get(30, TimeUnit.SECONDS);
        }
        assertThrows(RejectedExecutionException.class, () -> made.submit(() -> 1));
    }

    @Test
    void closingAPoolEndsItsRegistrationWithTheScope() {
        CancellationScope scope = new CancellationScope("cell");
        try (CancellationScope.Binding ignored = scope.enter(); ProcessPool made = ProcessPool.of(1)) {
            assertEquals(1, scope.openRegistrations());
        }
        assertEquals(0, scope.openRegistrations());
    }

    @Test
    void useAfterCloseIsRejected() {
        ProcessPool closed = ProcessPool.of(1);
        closed.close();
        assertTrue(closed.isTerminated());
        assertThrows(RejectedExecutionException.class, () -> closed.submit(() -> 1));
        assertThrows(RejectedExecutionException.class, () -> closed.map(x -> x, List.of(1)));
    }

    @Test
    void closeWaitsForTasksAndLeavesNoProcess() throws Exception {
        List<Long> pids;
        Future<Integer> f;
        try (ProcessPool own = ProcessPool.of(2)) {
            pids = own.workerPids();
            f = own.submit(() -> 7);
        }
        assertEquals(7, f.get(0, TimeUnit.SECONDS));
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid + " still runs");
        }
        assertFalse(ProcessHandle.current().descendants().anyMatch(p -> pids.contains(p.pid())));
    }

    @Test
    void shutdownNowReturnsTasksNotStarted() throws IOException {
        ProcessPool own = ProcessPool.builder().workers(1).build();
        FileSignal never = FileSignal.in(dir, "never");
        FileSignal started = FileSignal.in(dir, "started");
        Future<String> running = own.submit(() -> {
            started.fire("yes");
            return never.await(Duration.ofMinutes(5));
        });
        started.await(WAIT);
        List<Future<Integer>> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queued.add(own.submit(() -> 1));
        }
        List<Runnable> notStarted = own.shutdownNow();
        assertTrue(notStarted.size() >= 1, "tasks queued behind a running task are returned");
        assertTrue(running.isCancelled());
        assertTrue(queued.stream().allMatch(Future::isDone));
        own.close();
        assertTrue(own.isTerminated());
    }
}
