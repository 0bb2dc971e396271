package io.paralab.cluster;

import io.paralab.process.CellClasses;
import io.paralab.process.CellOutputs;
import io.paralab.process.SerializableCallable;
import io.paralab.process.SerializableFunction;
import io.paralab.process.TaskFailedException;
import io.paralab.process.TaskTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The cluster pool and the primitives on three member JVMs (one task thread each) on loopback, started once
 * for the class. Classes compiled in memory stand in for notebook cells, as in the process pool's tests.
 */
class ClusterPoolTest {

    /** A cell that defines a record and a variable, and a later cell whose lambdas use both. */
    private static final Map<String, String> CELLS = Map.of(
            "REPL.$JShell$21", """
                    package REPL;
                    public class $JShell$21 {
                        public record Point(int x, int y) implements java.io.Serializable {}
                        public static int k;
                    }
                    """,
            "REPL.$JShell$22", """
                    package REPL;
                    import REPL.$JShell$21.Point;
                    import io.paralab.process.SerializableFunction;
                    import io.paralab.process.SerializableCallable;
                    import java.util.List;
                    public class $JShell$22 {
                        public static SerializableFunction<Point, Integer> areaPlusK() { return p -> p.x() * p.y() + $JShell$21.k; }
                        public static SerializableFunction<Point, Point> mirror() { return p -> new Point(p.y(), p.x()); }
                        public static List<Point> points() { return List.of(new Point(2, 3), new Point(4, 5)); }
                        public static SerializableCallable<Long> pid() { return () -> ProcessHandle.current().pid(); }
                        public static SerializableCallable<Integer> readK() { return () -> $JShell$21.k; }
                    }
                    """);

    private static LocalCluster cluster;
    private static ClusterConnection connection;
    private static ClusterPool pool;

    @BeforeAll
    static void startCluster() {
        cluster = LocalCluster.builder().members(3).startTimeout(Duration.ofMinutes(5)).start();
        connection = cluster.connection();
        pool = ClusterPool.of(connection);
    }

    @AfterAll
    static void stopCluster() {
        List<Long> pids = cluster.memberPids();
        pool.close();
        cluster.close();
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "member " + pid + " ended");
        }
    }

    @Test
    void aCellRecordAndLambdaRunOnTheMembersWithTheCellsVariables() throws Exception {
        CellClasses cells = CellClasses.compile(CELLS);
        cells.loadClass("REPL.$JShell$21").getField("k").setInt(null, 100);
        // a pool of its own: the members define a pool's classes once, and other tests ship classes of these names
        try (ClusterPool fresh = ClusterPool.of(connection)) {
            SerializableFunction<Object, Integer> area = cells.call("REPL.$JShell$22", "areaPlusK");
            List<Object> points = cells.call("REPL.$JShell$22", "points");
            assertEquals(List.of(106, 120), fresh.map(area, points));

            SerializableFunction<Object, Object> mirror = cells.call("REPL.$JShell$22", "mirror");
            List<Object> mirrored = fresh.map(mirror, points);
            assertEquals("[Point[x=3, y=2], Point[x=5, y=4]]", mirrored.toString());
            assertSame(cells, mirrored.getFirst().getClass().getClassLoader(), "results come back as the cell's own class");
        }

        SerializableCallable<Long> pid = cells.call("REPL.$JShell$22", "pid");
        long ran = pool.submit(pid).get(60, TimeUnit.SECONDS);
        assertNotEquals(ProcessHandle.current().pid(), ran);
        assertTrue(cluster.memberPids().contains(ran), ran + " in " + cluster.memberPids());
    }

    @Test
    void aLambdaThatCapturesNothingSeesTheCellVariablesOfEachSubmit() throws Exception {
        CellClasses cells = CellClasses.compile(CELLS);
        java.lang.reflect.Field k = cells.loadClass("REPL.$JShell$21").getField("k");
        SerializableCallable<Integer> readK = cells.call("REPL.$JShell$22", "readK");
        try (ClusterPool fresh = ClusterPool.of(connection)) {
            List<Future<Integer>> seen = new ArrayList<>();
            for (int i = 1; i <= 40; i++) {
                k.setInt(null, i);
                seen.add(fresh.submit(readK));   // one class: the members keep one unpacked instance of it
            }
            List<Integer> values = new ArrayList<>();
            for (Future<Integer> f : seen) {
                values.add(f.get(60, TimeUnit.SECONDS));
            }
            assertEquals(IntStream.rangeClosed(1, 40).boxed().toList(), values);
        }
    }

    @Test
    void tasksSpreadOverTheMembersAndComeBackInOrder() {
        List<Integer> items = IntStream.range(0, 400).boxed().toList();
        List<Long> pids = pool.map(i -> ProcessHandle.current().pid(), items);
        assertEquals(Set.copyOf(cluster.memberPids()), new HashSet<>(pids));
        assertEquals(items.stream().map(i -> i * i).toList(), pool.map(i -> i * i, items, 7));
    }

    @Test
    void aTasksOutputGoesToTheCellThatSubmittedItBeforeItsResult() throws Exception {
        CellOutputs routed = CellOutputs.install();
        AtomicReference<ClusterPool> created = new AtomicReference<>();
        String line = System.lineSeparator();
        try {
            CellOutputs.inCell("cell-1", () -> created.set(ClusterPool.of(connection)));
            ClusterPool cellPool = created.get();
            CellOutputs.inCell("cell-2", () -> {
                assertEquals(1, cellPool.submit(() -> {
                    System.out.println("submitted by cell 2");
                    System.out.print("no newline");
                    return 1;
                }).get(60, TimeUnit.SECONDS));
                assertEquals("submitted by cell 2" + line + "no newline", routed.of("cell-2"), "printed before the result");
            });
            CellOutputs.inCell("cell-3", () -> assertEquals(List.of(2, 4), cellPool.map(x -> {
                System.out.println("mapped by cell 3");
                return x * 2;
            }, List.of(1, 2))));
            cellPool.close();
        } finally {
            routed.uninstall();
        }
        assertEquals("mapped by cell 3" + line + "mapped by cell 3" + line, routed.of("cell-3"));
        assertEquals("", routed.of("cell-1"));
        assertFalse(routed.of("no cell").contains("by cell"), routed.of("no cell"));
    }

    @Test
    void aRemoteExceptionKeepsItsClassAndMessage() {
        int zero = 0;
        ExecutionException e = assertThrows(ExecutionException.class, () -> pool.submit(() -> 10 / zero).get(60, TimeUnit.SECONDS));
        assertInstanceOf(ArithmeticException.class, e.getCause());
        assertEquals("/ by zero", e.getCause().getMessage());
        TaskFailedException failed = assertThrows(TaskFailedException.class, () -> pool.map(x -> 10 / x, List.of(1, 0)));
        assertTrue(failed.getMessage().startsWith("item 1 failed"), failed.getMessage());
    }

    @Test
    void aTaskThatCannotTravelIsRefusedAtSubmitNamingTheCulprit() {
        Thread notSerializable = new Thread(() -> { });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pool.submit(() -> notSerializable.getName()));
        assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());
    }

    @Test
    void invokeAllAndMapAsCompletedAndProgressAndTheObserver() throws Exception {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            calls.add((SerializableCallable<Integer>) () -> n * 10);
        }
        List<Integer> results = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(calls)) {
            results.add(f.get());
        }
        assertEquals(List.of(0, 10, 20, 30, 40, 50), results);

        Set<Integer> unordered = pool.mapAsCompleted(i -> i + 1, List.of(1, 2, 3, 4)).collect(Collectors.toSet());
        assertEquals(Set.of(2, 3, 4, 5), unordered);

        List<Long> progress = new ArrayList<>();
        pool.map(i -> i, List.of(1, 2, 3), (done, total) -> {
            synchronized (progress) {
                progress.add(done);
            }
        });
        assertEquals(3L, progress.stream().mapToLong(Long::longValue).max().orElse(0));

        Map<String, String> lanes = new ConcurrentHashMap<>();
        try (ClusterPool observed = ClusterPool.builder(connection).observer((worker, task, start, end) -> lanes.put(task, worker)).build()) {
            observed.map(i -> i, List.of(1, 2, 3, 4));
        }
        assertEquals(Set.of("item 0", "item 1", "item 2", "item 3"), lanes.keySet());
        assertTrue(lanes.values().stream().allMatch(w -> w.matches("member-\\d \\(pid \\d+\\) at 127\\.0\\.0\\.1:\\d+")),
                lanes.toString());
    }

    @Test
    void aTaskOverItsTimeoutFailsAndTheOthersComplete() throws Exception {
        try (ClusterPool timed = ClusterPool.builder(connection).taskTimeout(Duration.ofMillis(500)).build()) {
            Future<Integer> slow = timed.submit(() -> {
                Thread.sleep(60_000);
                return 1;
            });
            Future<Integer> quick = timed.submit(() -> 2);
            ExecutionException e = assertThrows(ExecutionException.class, () -> slow.get(60, TimeUnit.SECONDS));
            assertInstanceOf(TaskTimeoutException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("ran longer than 500 ms on member-"), e.getCause().getMessage());
            assertEquals(2, quick.get(60, TimeUnit.SECONDS));
        }
    }

    @Test
    void atomicUpdatesCountExactly() {
        ClusterLong hits = connection.clusterLong("atomic-hits");
        pool.map(i -> hits.incrementAndGet(), IntStream.range(0, 300).boxed().toList());
        assertEquals(300, hits.get());
        assertTrue(hits.compareAndSet(300, 7));
        assertFalse(hits.compareAndSet(300, 8));
        assertEquals(7, hits.getAndAdd(3));
        assertEquals(10, hits.get());
    }

    @Test
    void getThenPutLosesAnUpdateWhenTwoTasksInterleave() {
        ClusterLong value = connection.clusterLong("racy-value");
        ClusterLong arrived = connection.clusterLong("racy-arrived");
        List<Long> seen = pool.map(i -> {
            long v = value.get();
            arrived.incrementAndGet();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (arrived.get() < 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            value.set(v + 1);
            return v;
        }, List.of(1, 2));
        assertEquals(List.of(0L, 0L), seen, "both tasks read before either wrote");
        assertEquals(1, value.get(), "two increments, one lost");
    }

    @Test
    void underTheLockGetThenPutIsExact() {
        ClusterLong value = connection.clusterLong("locked-value");
        ClusterLock lock = connection.lock("locked-value");
        pool.map(i -> {
            lock.lock();
            try {
                value.set(value.get() + 1);
            } finally {
                lock.unlock();
            }
            return i;
        }, IntStream.range(0, 100).boxed().toList());
        assertEquals(100, value.get());
        assertFalse(lock.isLocked());
        assertThrows(IllegalMonitorStateException.class, lock::unlock);
    }

    @Test
    void semaphoreHoldersNeverExceedItsPermits() throws Exception {
        ClusterSemaphore semaphore = connection.semaphore("two-at-a-time", 2);
        ClusterLong holders = connection.clusterLong("sem-holders");
        ClusterLong most = connection.clusterLong("sem-most");
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            tasks.add((SerializableCallable<Integer>) () -> {
                semaphore.acquire();
                try {
                    long now = holders.incrementAndGet();
                    for (long m = most.get(); now > m && !most.compareAndSet(m, now); m = most.get()) {
                        Thread.onSpinWait();
                    }
                    Thread.sleep(20);
                    holders.addAndGet(-1);
                } finally {
                    semaphore.release();
                }
                return 1;
            });
        }
        for (Future<Integer> f : pool.invokeAll(tasks)) {
            assertEquals(1, f.get());
        }
        assertTrue(most.get() >= 1 && most.get() <= 2, "most holders at once: " + most.get());
        assertEquals(2, semaphore.availablePermits());
        assertThrows(IllegalStateException.class, semaphore::release);
        assertThrows(IllegalArgumentException.class, () -> connection.semaphore("two-at-a-time", 3));
    }

    @Test
    void aQueueCarriesCellRecordsFromThisJvmToConsumersOnTheMembers() throws Exception {
        CellClasses cells = CellClasses.compile(CELLS);
        @SuppressWarnings("unchecked")
        Class<Object> pointType = (Class<Object>) cells.loadClass("REPL.$JShell$21$Point");
        ClusterQueue<Object> jobs = connection.queue("jobs", pointType);
        ClusterQueue<String> done = connection.queue("done", String.class);
        List<Future<Integer>> consumers = new ArrayList<>();
        // in a notebook the consumer lambda comes from the cells' loader, which then serves Point; here it does not
        Thread.currentThread().setContextClassLoader(cells);
        for (int c = 0; c < 2; c++) {
            consumers.add(pool.submit(() -> {
                int handled = 0;
                for (Object job = jobs.take(); !job.toString().equals("Point[x=-1, y=-1]"); job = jobs.take()) {
                    done.put(job + " on " + ProcessHandle.current().pid());
                    handled++;
                }
                return handled;
            }));
        }
        Thread.currentThread().setContextClassLoader(ClusterPoolTest.class.getClassLoader());
        List<Object> points = cells.call("REPL.$JShell$22", "points");
        for (int i = 0; i < 10; i++) {
            jobs.put(points.get(i % 2));
        }
        Object end = pointType.getConstructors()[0].newInstance(-1, -1);
        jobs.put(end);
        jobs.put(end);
        int handled = 0;
        for (Future<Integer> consumer : consumers) {
            handled += consumer.get(60, TimeUnit.SECONDS);
        }
        assertEquals(10, handled);
        List<String> reports = new ArrayList<>();
        assertEquals(10, done.drainTo(reports));
        assertTrue(reports.stream().allMatch(r -> r.startsWith("Point[x=")), reports.toString());
        assertNull(jobs.poll());
    }

    @Test
    void aPnCounterKeepsEveryUpdate() throws Exception {
        ClusterPnCounter seen = connection.pnCounter("seen");
        pool.map(i -> seen.incrementAndGet(), IntStream.range(0, 50).boxed().toList());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (seen.get() < 50 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(50, seen.get());
    }

    @Test
    void badNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> connection.clusterLong(" "));
        assertThrows(IllegalArgumentException.class, () -> connection.semaphore("none", 0));
        assertThrows(IllegalArgumentException.class, () -> pool.map(x -> x, List.of(1), 0));
    }
}
