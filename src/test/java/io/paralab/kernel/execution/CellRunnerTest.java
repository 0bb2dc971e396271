package io.paralab.kernel.execution;

import io.paralab.threads.CancellationScope;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cells run bound to their context and stop on interrupt. */
class CellRunnerTest {

    private static CellContext cell(int count) {
        return new CellContext(null, count, new CancellationScope("cell " + count));
    }

    @Test
    void bodyRunsWithTheCellBoundAndItsValueIsReturned() {
        CellContext cell = cell(1);
        CellRunner runner = new CellRunner();
        assertSame(cell, runner.run(cell, () -> CellContext.current().orElseThrow()));
        assertTrue(CellContext.current().isEmpty());
    }

    @Test
    void failuresOfTheBodyArePassedOn() {
        CellFailure failure = new CellFailure("X", "bad", List.of("bad"));
        assertSame(failure, assertThrows(CellFailure.class, () -> new CellRunner().run(cell(2), () -> {
            throw failure;
        })));
    }

    @Test
    void interruptEndsABlockedCellCancelsItsScopeAndReportsInterrupted() throws Exception {
        CellRunner runner = new CellRunner();
        CellContext cell = cell(3);
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<CellFailure> outcome = new AtomicReference<>();
        Thread shell = Thread.ofPlatform().start(() -> outcome.set(assertThrows(CellFailure.class,
                () -> runner.run(cell, () -> {
                    started.countDown();
                    Thread.sleep(60_000);
                    return null;
                }))));
        try {
            assertTrue(started.await(10, TimeUnit.SECONDS));
            assertTrue(runner.interrupt());
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> shell.join());
            assertEquals("Interrupted", outcome.get().name());
            assertTrue(cell.scope().isCancelled());
            assertFalse(runner.interrupt(), "nothing runs any more");
        } finally {
            shell.interrupt();
        }
    }

    @Test
    void aCellThatIgnoresTheInterruptIsAnsweredAndTheNextCellWaitsForItsThread() throws Exception {
        CellRunner runner = new CellRunner();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<CellFailure> outcome = new AtomicReference<>();
        Thread shell = Thread.ofPlatform().start(() -> outcome.set(assertThrows(CellFailure.class,
                () -> runner.run(cell(10), () -> {
                    started.countDown();
                    while (true) {                           // as the compiler: deaf to interrupts
                        try {
                            release.await();
                            return null;
                        } catch (InterruptedException ignored) {
                            // keep going
                        }
                    }
                }))));
        try {
            assertTrue(started.await(10, TimeUnit.SECONDS));
            long interruptedAt = System.nanoTime();
            assertTrue(runner.interrupt());
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> shell.join());
            assertTrue(System.nanoTime() - interruptedAt >= TimeUnit.MILLISECONDS.toNanos(CellRunner.INTERRUPT_GRACE_MS));
            assertEquals("Interrupted", outcome.get().name());
            CountDownLatch nextRan = new CountDownLatch(1);
            Thread next = Thread.ofPlatform().start(() -> runner.run(cell(11), () -> {
                nextRan.countDown();
                return null;
            }));
            assertFalse(nextRan.await(200, TimeUnit.MILLISECONDS), "the next cell ran beside the abandoned one");
            release.countDown();
            assertTrue(nextRan.await(10, TimeUnit.SECONDS));
            next.join();
        } finally {
            release.countDown();
        }
    }
}
