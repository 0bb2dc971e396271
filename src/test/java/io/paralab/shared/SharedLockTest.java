package io.paralab.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(SharedTestDirectory.class)
class SharedLockTest {

    @Test
    void excludesOtherThreadsAndTimesOut() throws Exception {
        try (SharedLock lock = SharedLock.create("lock"); SharedLock other = SharedLock.open("lock")) {
            assertFalse(lock.isLocked());
            try (SharedLock.Held held = lock.hold()) {
                assertTrue(other.isLocked());
                assertEquals(ProcessHandle.current().pid(), other.holderPid());
                AtomicReference<Boolean> got = new AtomicReference<>();
                Thread waiter = Thread.ofPlatform().start(() -> {
                    try {
                        got.set(other.tryLock(Duration.ofMillis(50)));
                    } catch (InterruptedException e) {
                        got.set(null);
                    }
                });
                assertTrue(waiter.join(Duration.ofSeconds(10)));
                assertEquals(Boolean.FALSE, got.get());
            }
            assertFalse(other.isLocked());
            assertTrue(other.tryLock());
            other.unlock();
        }
    }

    @Test
    void aWaiterGetsTheLockWhenReleased() throws Exception {
        try (SharedLock lock = SharedLock.create("handover")) {
            lock.lock();
            CountDownLatch waiting = new CountDownLatch(1);
            CountDownLatch acquired = new CountDownLatch(1);
            Thread waiter = Thread.ofPlatform().start(() -> {
                waiting.countDown();
                lock.lock();
                acquired.countDown();
                lock.unlock();
            });
            assertTrue(waiting.await(10, TimeUnit.SECONDS));
            assertFalse(acquired.await(20, TimeUnit.MILLISECONDS), "the waiter got a held lock");
            lock.unlock();
            assertTrue(acquired.await(10, TimeUnit.SECONDS));
            assertTrue(waiter.join(Duration.ofSeconds(10)));
        }
    }

    @Test
    void waitingIsInterruptible() throws Exception {
        try (SharedLock lock = SharedLock.create("interruptible")) {
            lock.lock();
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            CountDownLatch started = new CountDownLatch(1);
            Thread waiter = Thread.ofPlatform().start(() -> {
                started.countDown();
                try {
                    lock.lockInterruptibly();
                    outcome.set(new AssertionError("took a held lock"));
                } catch (InterruptedException e) {
                    outcome.set(e);
                }
            });
            assertTrue(started.await(10, TimeUnit.SECONDS));
            waiter.interrupt();
            assertTrue(waiter.join(Duration.ofSeconds(10)));
            assertTrue(outcome.get() instanceof InterruptedException, String.valueOf(outcome.get()));
            assertEquals(ProcessHandle.current().pid(), lock.holderPid());
            lock.unlock();
        }
    }

    @Test
    void misuseIsAClearError() throws Exception {
        try (SharedLock lock = SharedLock.create("misuse")) {
            assertThrows(IllegalMonitorStateException.class, lock::unlock);
            lock.lock();
            IllegalStateException e = assertThrows(IllegalStateException.class, lock::lock);
            assertTrue(e.getMessage().contains("not reentrant"), e.getMessage());
            Thread other = Thread.ofPlatform().start(() -> assertThrows(IllegalMonitorStateException.class, lock::unlock));
            assertTrue(other.join(Duration.ofSeconds(10)));
            assertTrue(lock.isLocked());
            lock.unlock();
            assertThrows(UnsupportedOperationException.class, lock::newCondition);
        }
    }

    @Test
    void aHolderKilledWithSigkillReleasesTheLock() {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            try (SharedLock lock = SharedLock.create("dying"); ChildJvms jvms = new ChildJvms()) {
                Process holder = jvms.start("hold", "dying");
                assertEquals("held by " + holder.pid(), ChildJvms.firstLine(holder));
                assertEquals(holder.pid(), lock.holderPid());
                assertFalse(lock.tryLock(Duration.ofMillis(20)));
                holder.destroyForcibly();   // SIGKILL
                assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
                assertTrue(lock.tryLock(Duration.ofSeconds(30)), "the dead holder's lock was not taken over");
                assertEquals(ProcessHandle.current().pid(), lock.holderPid());
                lock.unlock();
                assertFalse(lock.isLocked());
            }
        });
    }

    @Test
    void fourChildJvmsExcludeEachOther() {
        int children = 4;
        int increments = 5_000;
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            try (SharedLock lock = SharedLock.create("mutex");
                 SharedLongArray cell = SharedLongArray.create("mutex.cell", 1);
                 SharedLong ignored = SharedLong.create("mutex.ready");
                 ChildJvms jvms = new ChildJvms()) {
                List<Process> started = new ArrayList<>();
                for (int i = 0; i < children; i++) {
                    started.add(jvms.start("lockedIncrement", "mutex", Integer.toString(increments),
                            Integer.toString(children)));
                }
                for (Process child : started) {
                    assertEquals("done", ChildJvms.resultOf(child, 90));
                }
                assertEquals((long) children * increments, cell.get(0));
                assertFalse(lock.isLocked());
            }
        });
    }
}
