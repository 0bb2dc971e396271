package io.paralab.jupyter;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.lang.management.ManagementFactory;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class ThreadsMagicTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    @Test
    void showsAThreadWaitingForAReentrantLockAndWhoHoldsIt() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        CountDownLatch started = new CountDownLatch(1);
        Thread me = Thread.currentThread();
        lock.lock();
        Thread waiter = Thread.ofPlatform().name("waits-for-lock").start(() -> {
            started.countDown();
            lock.lock();
            lock.unlock();
        });
        try {
            assertTrue(started.await(BOUND.toSeconds(), TimeUnit.SECONDS));
            awaitCondition(() -> lock.hasQueuedThread(waiter) && waiter.getState() == Thread.State.WAITING,
                    "waiter parked on the lock");

            ThreadTable table = new ThreadsMagic().run(List.of());

            ThreadRow row = table.row(waiter.threadId()).orElseThrow(() -> new AssertionError(table.toText()));
            assertEquals("waits-for-lock", row.name());
            assertEquals(Thread.State.WAITING, row.state());
            assertTrue(row.waitingOn().orElseThrow().startsWith("ReentrantLock$NonfairSync@"), row.toString());
            assertEquals(me.getName() + " (id " + me.threadId() + ")", row.lockOwner().orElseThrow());
            assertFalse(row.deadlocked());
            String at = row.at().orElseThrow();
            assertTrue(at.startsWith("ThreadsMagicTest.lambda$") && at.contains("(ThreadsMagicTest.java:"),
                    "the innermost frame outside the JDK: " + at);
            ThreadRow mine = table.row(me.threadId()).orElseThrow();
            assertEquals(List.of(row.waitingOn().orElseThrow()), mine.holds(), "the test thread holds that lock");
            assertTrue(table.toText().contains("waits-for-lock"), table.toText());
        } finally {
            lock.unlock();
            waiter.join(BOUND);
        }
        assertFalse(waiter.isAlive());
    }

    @Test
    void showsAThreadBlockedOnAMonitor() throws Exception {
        Object monitor = new Object();
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean entered = new AtomicBoolean();
        Thread blocked;
        synchronized (monitor) {
            blocked = Thread.ofPlatform().name("blocked-on-monitor").start(() -> {
                started.countDown();
                synchronized (monitor) {
                    entered.set(true);
                }
            });
            assertTrue(started.await(BOUND.toSeconds(), TimeUnit.SECONDS));
            Thread target = blocked;
            awaitCondition(() -> target.getState() == Thread.State.BLOCKED, "thread blocked on the monitor");

            ThreadRow row = ThreadTable.capture().row(blocked.threadId()).orElseThrow();
            assertEquals(Thread.State.BLOCKED, row.state());
            assertEquals("Object@" + Integer.toHexString(System.identityHashCode(monitor)), row.waitingOn().orElseThrow());
            assertEquals(Thread.currentThread().getName() + " (id " + Thread.currentThread().threadId() + ")",
                    row.lockOwner().orElseThrow());
        }
        blocked.join(BOUND);
        assertFalse(blocked.isAlive());
        assertTrue(entered.get(), "entered the monitor once the test released it");
    }

    @Test
    void marksDeadlockedThreads() throws Exception {
        ReentrantLock a = new ReentrantLock();
        ReentrantLock b = new ReentrantLock();
        CyclicBarrier bothHoldOne = new CyclicBarrier(2);
        Thread first = Thread.ofPlatform().name("holds-a-wants-b").start(() -> crossLock(a, b, bothHoldOne));
        Thread second = Thread.ofPlatform().name("holds-b-wants-a").start(() -> crossLock(b, a, bothHoldOne));
        try {
            awaitCondition(() -> ManagementFactory.getThreadMXBean().findDeadlockedThreads() != null, "deadlock");

            ThreadTable table = ThreadTable.capture();

            assertTrue(table.row(first.threadId()).orElseThrow().deadlocked());
            assertTrue(table.row(second.threadId()).orElseThrow().deadlocked());
            assertEquals("holds-b-wants-a (id " + second.threadId() + ")",
                    table.row(first.threadId()).orElseThrow().lockOwner().orElseThrow());
            assertTrue(table.toText().contains("WAITING (DEADLOCKED)"), table.toText());
            assertTrue(table.toText().contains("Deadlock: holds-a-wants-b, holds-b-wants-a wait for each other."),
                    table.toText());
        } finally {
            first.interrupt();
            second.interrupt();
            first.join(BOUND);
            second.join(BOUND);
        }
        assertFalse(first.isAlive() || second.isAlive());
    }

    @Test
    void escapesThreadNamesInHtml() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        Thread odd = Thread.ofPlatform().name("<b>odd & 'named'</b>").start(() -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertTrue(started.await(BOUND.toSeconds(), TimeUnit.SECONDS));
            String html = ThreadTable.capture().toHtml();
            assertTrue(html.contains("&lt;b&gt;odd &amp; &#39;named&#39;&lt;/b&gt;"), html);
            assertFalse(html.contains("<b>odd"), html);
        } finally {
            release.countDown();
            odd.join(BOUND);
        }
    }

    @Test
    void argumentsAreAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ThreadsMagic().run(List.of("main")));
        assertEquals("unexpected argument 'main'; %threads takes no arguments", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ThreadsMagic().run(List.of("--stacks")));
        assertEquals("unknown option '--stacks'; %threads takes no arguments", e.getMessage());
    }

    private static void crossLock(ReentrantLock mine, ReentrantLock theirs, CyclicBarrier bothHoldOne) {
        mine.lock();
        try {
            bothHoldOne.await(BOUND.toSeconds(), TimeUnit.SECONDS);
            theirs.lockInterruptibly();
            theirs.unlock();
        } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
            // the test interrupts both threads to break the deadlock
        } finally {
            mine.unlock();
        }
    }

    /** Waits until {@code condition} holds, failing after {@link #BOUND}. */
    private static void awaitCondition(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}
