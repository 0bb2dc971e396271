package io.paralab.threads;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadsTest {

    @Test
    void runAllRunsEveryTaskOnItsOwnThreadAtTheSameTime() throws Exception {
        int n = 20;
        CyclicBarrier all = new CyclicBarrier(n);   // passes only if all 20 run at once
        List<Callable<Integer>> tasks = IntStream.range(0, n).mapToObj(i -> (Callable<Integer>) () -> {
            all.await(10, TimeUnit.SECONDS);
            return i * i;
        }).toList();
        List<Integer> squares = Threads.runAll(tasks, ThreadKind.VIRTUAL, Duration.ofSeconds(30));
        assertEquals(IntStream.range(0, n).map(i -> i * i).boxed().toList(), squares);
    }

    @Test
    void runAllWithAnObserverReportsEachTask() throws Exception {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Callable<String>> tasks = List.of(() -> "a", () -> "b");
        assertEquals(List.of("a", "b"), Threads.runAll(tasks, ThreadKind.PLATFORM,
                (worker, task, start, end) -> seen.add(task + "@" + worker)));
        assertEquals(2, seen.size());
        assertTrue(seen.stream().allMatch(s -> s.matches("[01]@task-\\d+")), seen.toString());
    }

    @Test
    void runAllTimesOutAndLeavesNoThreadRunning() throws Exception {
        // The 20 ms limit may pass before the task's thread even starts; either way, when runAll returns,
        // the task never ran or it has ended.
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        List<Callable<String>> tasks = List.of(() -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
                return "never";
            } finally {
                ended.countDown();
            }
        });
        assertThrows(TimeoutException.class, () -> Threads.runAll(tasks, ThreadKind.VIRTUAL, Duration.ofMillis(20)));
        assertTrue(started.getCount() == 1 || ended.getCount() == 0, "runAll returned before its task ended");
    }

    @Test
    void runAllOrCancelCancelsTheRestOnTheFirstFailure() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        List<Callable<String>> tasks = List.of(() -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
                return "never";
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        }, () -> {
            started.await();
            throw new IllegalArgumentException("bad");
        });
        ThreadsFailedException e = assertThrows(ThreadsFailedException.class,
                () -> Threads.runAllOrCancel(tasks, ThreadKind.VIRTUAL, Duration.ofSeconds(30)));
        assertEquals("bad", e.getCause().getMessage());
        assertEquals(1, e.failures().size());
        assertEquals(0, interrupted.getCount());
    }

    @Test
    void namedThreadFactoryNamesCountsAndKinds() throws Exception {
        NamedThreadFactory platform = new NamedThreadFactory(ThreadKind.PLATFORM, "cpu-");
        Thread a = platform.newThread(() -> { });
        Thread b = platform.newThread(() -> { });
        assertEquals("cpu-0", a.getName());
        assertEquals("cpu-1", b.getName());
        assertTrue(a.isDaemon());
        assertFalse(a.isVirtual());
        Thread virtual = new NamedThreadFactory(ThreadKind.VIRTUAL, "io-").newThread(() -> { });
        assertTrue(virtual.isVirtual());
        assertEquals("io-0", virtual.getName());
    }
}
