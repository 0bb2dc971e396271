package io.paralab.threads;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadScopeTest {

    private static final Duration LONG_ENOUGH = Duration.ofSeconds(30);

    /** A task that blocks until interrupted, then counts down {@code interrupted} and rethrows. */
    private static Callable<String> blockUntilInterrupted(CountDownLatch started, CountDownLatch interrupted) {
        return () -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
                return "never";
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        };
    }

    @Test
    void resultsComeInForkOrder() throws Exception {
        try (ThreadScope<Integer> scope = ThreadScope.collectAll(new NamedThreadFactory(ThreadKind.VIRTUAL, "v-"))) {
            CountDownLatch last = new CountDownLatch(1);
            scope.fork(() -> {
                last.await();   // the first task ends after the second
                return 1;
            });
            scope.fork(() -> {
                last.countDown();
                return 2;
            });
            assertEquals(List.of(1, 2), scope.join(Duration.ofSeconds(Long.MAX_VALUE)));
        }
    }

    @Test
    void everyFailureIsReportedAndTheOtherTasksRunToTheEnd() throws Exception {
        AtomicInteger succeeded = new AtomicInteger();
        IllegalStateException first = new IllegalStateException("one");
        ArithmeticException second = new ArithmeticException("three");
        try (ThreadScope<Integer> scope = ThreadScope.collectAll(new NamedThreadFactory(ThreadKind.PLATFORM, "p-"))) {
            for (int i = 0; i < 5; i++) {
                int index = i;
                scope.fork(() -> {
                    if (index == 1) {
                        throw first;
                    }
                    if (index == 3) {
                        throw second;
                    }
                    return succeeded.incrementAndGet();
                });
            }
            ThreadsFailedException e = assertThrows(ThreadsFailedException.class, () -> scope.join(LONG_ENOUGH));
            assertEquals(List.of(1, 3), List.copyOf(e.failures().keySet()));
            assertEquals(List.of(first, second), List.copyOf(e.failures().values()));
            assertSame(first, e.getCause());
            assertSame(second, e.getSuppressed()[0]);
            assertTrue(e.getMessage().startsWith("2 of 5 tasks failed"), e.getMessage());
            assertEquals(3, succeeded.get());
        }
    }

    @Test
    void joinTimesOutAndCancelsTheTasksStillRunning() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Future<String> slow;
        try (ThreadScope<String> scope = ThreadScope.collectAll(new NamedThreadFactory(ThreadKind.VIRTUAL, "t-"))) {
            scope.fork(() -> "quick");
            slow = scope.fork(blockUntilInterrupted(started, interrupted));
            assertTrue(started.await(10, TimeUnit.SECONDS));
            TimeoutException e = assertThrows(TimeoutException.class, () -> scope.join(Duration.ofMillis(50)));
            // the quick task has most likely ended too, but a loaded machine may not have run it yet
            assertTrue(e.getMessage().matches("[12] of 2 tasks still ran after PT0.05S; cancelled them"), e.getMessage());
            assertTrue(interrupted.await(10, TimeUnit.SECONDS));
        }
        assertTrue(slow.isCancelled());
    }

    @Test
    void cancelOnFailureStopsTheRestAndReportsOnlyTheRealFailure() throws Exception {
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch interrupted = new CountDownLatch(2);
        RuntimeException boom = new RuntimeException("boom");
        try (ThreadScope<String> scope = ThreadScope.cancelOnFailure(new NamedThreadFactory(ThreadKind.VIRTUAL, "c-"))) {
            Future<String> a = scope.fork(blockUntilInterrupted(started, interrupted));
            Future<String> b = scope.fork(blockUntilInterrupted(started, interrupted));
            assertTrue(started.await(10, TimeUnit.SECONDS));
            scope.fork(() -> {
                throw boom;
            });
            ThreadsFailedException e = assertThrows(ThreadsFailedException.class, () -> scope.join(LONG_ENOUGH));
            assertEquals(List.of(2), List.copyOf(e.failures().keySet()));
            assertSame(boom, e.getCause());
            assertTrue(interrupted.await(10, TimeUnit.SECONDS));
            assertTrue(a.isCancelled() && b.isCancelled());
            assertThrows(IllegalStateException.class, () -> scope.fork(() -> "late"));
        }
    }

    @Test
    void forkAfterCancelDoesNotRun() throws Exception {
        try (ThreadScope<String> scope = ThreadScope.collectAll(new NamedThreadFactory(ThreadKind.VIRTUAL, "x-"))) {
            scope.cancel();
            AtomicInteger ran = new AtomicInteger();
            Future<String> future = scope.fork(() -> "ran " + ran.incrementAndGet());
            assertTrue(future.isCancelled());
            assertThrows(CancellationException.class, () -> scope.join(LONG_ENOUGH));
            assertEquals(0, ran.get());
        }
    }

    @Test
    void aCancelledCellScopeInterruptsTheHelperThreads() throws Exception {
        CancellationScope cell = new CancellationScope("cell 1");
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch interrupted = new CountDownLatch(2);
        try (CancellationScope.Binding ignored = cell.enter();
             ThreadScope<String> scope = ThreadScope.collectAll(new NamedThreadFactory(ThreadKind.PLATFORM, "k-"))) {
            scope.fork(blockUntilInterrupted(started, interrupted));
            scope.fork(blockUntilInterrupted(started, interrupted));
            assertTrue(started.await(10, TimeUnit.SECONDS));
            assertEquals(2, cell.openRegistrations());
            Thread.ofVirtual().start(cell::cancel);   // as the kernel does, from another thread
            assertThrows(CancellationException.class, () -> scope.join(LONG_ENOUGH));
            assertTrue(interrupted.await(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void registrationsCloseWhenTasksEndNormally() throws Exception {
        CancellationScope cell = new CancellationScope("cell 2");
        try (CancellationScope.Binding ignored = cell.enter();
             ThreadScope<Integer> scope = ThreadScope.collectAll(new NamedThreadFactory(ThreadKind.VIRTUAL, "r-"))) {
            scope.fork(() -> 1);
            scope.fork(() -> 2);
            assertEquals(List.of(1, 2), scope.join(LONG_ENOUGH));
            assertEquals(0, cell.openRegistrations());
        }
    }

    @Test
    void anInterruptedJoinCancelsTheTasks() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        AtomicReference<Throwable> joinOutcome = new AtomicReference<>();
        Thread joiner = Thread.ofPlatform().start(() -> {
            try (ThreadScope<String> scope = ThreadScope.collectAll(new NamedThreadFactory(ThreadKind.VIRTUAL, "j-"))) {
                scope.fork(blockUntilInterrupted(started, interrupted));
                joinOutcome.set(new AssertionError("joined " + scope.join(LONG_ENOUGH)));
            } catch (Exception e) {
                joinOutcome.set(e);
            }
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        joiner.interrupt();
        assertTrue(joiner.join(Duration.ofSeconds(10)));
        assertInstanceOf(InterruptedException.class, joinOutcome.get());
        assertTrue(interrupted.await(10, TimeUnit.SECONDS));
    }

    @Test
    void theObserverSeesEveryTaskWithItsThreadAndTimes() throws Exception {
        record Span(String worker, String task, long start, long end) { }
        List<Span> spans = new CopyOnWriteArrayList<>();
        long before = System.nanoTime();
        try (ThreadScope<String> scope = ThreadScope.<String>collectAll(new NamedThreadFactory(ThreadKind.PLATFORM, "obs-"))
                .observedBy((worker, task, start, end) -> spans.add(new Span(worker, task, start, end)))) {
            for (int i = 0; i < 3; i++) {
                scope.fork(() -> Thread.currentThread().getName());
            }
            scope.fork(() -> {
                throw new IllegalStateException("failures are observed too");
            });
            assertThrows(ThreadsFailedException.class, () -> scope.join(LONG_ENOUGH));
            long after = System.nanoTime();
            assertEquals(4, spans.size());
            for (Span span : spans) {
                int index = Integer.parseInt(span.task());
                assertEquals("obs-" + index, span.worker());
                assertTrue(before <= span.start() && span.start() <= span.end() && span.end() <= after, span.toString());
            }
        }
    }

    @Test
    void misuseIsRefused() throws Exception {
        ThreadScope<Integer> scope = ThreadScope.collectAll(new NamedThreadFactory(ThreadKind.VIRTUAL, "m-"));
        scope.fork(() -> 1);
        assertEquals(List.of(1), scope.join(LONG_ENOUGH));
        assertThrows(IllegalStateException.class, () -> scope.fork(() -> 2));
        assertThrows(IllegalStateException.class, () -> scope.join(LONG_ENOUGH));
        scope.close();
        scope.close();
        assertThrows(NullPointerException.class, () -> ThreadScope.collectAll(null));
    }

    @Test
    void aNullTimeoutIsRefusedAndTheScopeCanStillBeJoined() throws Exception {
        try (ThreadScope<Integer> scope = ThreadScope.collectAll(new NamedThreadFactory(ThreadKind.VIRTUAL, "n-"))) {
            scope.fork(() -> 1);
            assertEquals("timeout", assertThrows(NullPointerException.class, () -> scope.join(null)).getMessage());
            assertEquals(List.of(1), scope.join(LONG_ENOUGH));
        }
    }
}
