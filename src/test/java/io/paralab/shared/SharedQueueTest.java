package io.paralab.shared;

import io.paralab.threads.CancellationScope;
import io.paralab.threads.WaitAbandonedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(SharedTestDirectory.class)
class SharedQueueTest {

    /** Message {@code i} of the byte-queue tests: UTF-8 text from 9 to 60 bytes long. */
    static byte[] textMessage(int i) {
        return ("message " + i + " " + "x".repeat(i % 47)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void firstInFirstOutBoundedAndNonBlockingAtTheEdges() throws Exception {
        try (SharedQueue queue = SharedQueue.create("fifo", 4); SharedQueue other = SharedQueue.open("fifo")) {
            assertEquals(4, other.capacity());
            assertEquals(OptionalLong.empty(), queue.poll());
            for (long v = 1; v <= 4; v++) {
                assertTrue(queue.offer(v * 10));
            }
            assertFalse(queue.offer(50));
            assertFalse(queue.offer(50, Duration.ofMillis(20)));
            assertEquals(4, other.size());
            for (long v = 1; v <= 4; v++) {
                assertEquals(v * 10, other.take());
            }
            assertEquals(OptionalLong.empty(), other.poll(Duration.ofMillis(20)));
            for (int lap = 0; lap < 10; lap++) {   // wraps around the ring
                queue.put(lap);
                assertEquals(OptionalLong.of(lap), other.poll(Duration.ofSeconds(1)));
            }
            assertEquals(0, queue.size());
        }
    }

    @Test
    void hugeTimeoutsMeanWaitingLongNotGivingUpAtOnce() throws Exception {
        Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
        try (SharedQueue queue = SharedQueue.create("forever", 2)) {
            Thread producer = Thread.ofPlatform().start(() -> {
                try {
                    queue.put(1);
                    queue.put(2);
                    queue.put(3);   // waits for room
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            assertEquals(OptionalLong.of(1), queue.poll(forever));
            assertEquals(OptionalLong.of(2), queue.poll(forever));
            assertEquals(OptionalLong.of(3), queue.poll(forever));
            assertTrue(producer.join(Duration.ofSeconds(10)));
            assertTrue(queue.offer(4, forever));
        }
    }

    @Test
    void badCapacityIsRefused() {
        for (int capacity : new int[] {0, 1, 3, 1000, -8}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SharedQueue.create("bad", capacity), "" + capacity);
            assertEquals("shared queue 'bad': capacity must be a power of two between 2 and 67108864, got " + capacity,
                    e.getMessage());
        }
    }

    @Test
    void aNullTimeoutIsRefusedAndNothingIsAddedOrRemoved() throws Exception {
        try (SharedQueue queue = SharedQueue.create("nulltimeout", 2)) {
            assertTrue(queue.offer(7));
            assertEquals("timeout", assertThrows(NullPointerException.class, () -> queue.poll(null)).getMessage());
            assertEquals("timeout", assertThrows(NullPointerException.class, () -> queue.offer(8, null)).getMessage());
            assertEquals(1, queue.size());
            assertEquals(7, queue.take());
        }
    }

    @Test
    void takeIsInterruptibleAndRemovesNothing() throws Exception {
        try (SharedQueue queue = SharedQueue.create("blocked", 2)) {
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            CountDownLatch started = new CountDownLatch(1);
            Thread consumer = Thread.ofPlatform().start(() -> {
                started.countDown();
                try {
                    outcome.set(new AssertionError("took " + queue.take() + " from an empty queue"));
                } catch (InterruptedException e) {
                    outcome.set(e);
                }
            });
            assertTrue(started.await(10, TimeUnit.SECONDS));
            consumer.interrupt();
            assertTrue(consumer.join(Duration.ofSeconds(10)));
            assertTrue(outcome.get() instanceof InterruptedException, String.valueOf(outcome.get()));
            queue.put(7);
            assertEquals(7, queue.take());
        }
    }

    @Test
    @SuppressWarnings("try")
    void aPutWaitingInAScopeWhoseWaitsWereAbandonedEndsWithTheCauseAndAddsNothing() throws Exception {
        try (SharedQueue queue = SharedQueue.create("abandoned", 2)) {
            queue.put(1);
            queue.put(2);                                          // full: the next put waits
            CancellationScope scope = new CancellationScope("cell 9");
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            CountDownLatch started = new CountDownLatch(1);
            Thread producer;
            try (CancellationScope.Binding ignored = scope.enter()) {
                producer = Thread.ofPlatform().start(() -> {      // inherits the scope
                    started.countDown();
                    try {
                        queue.put(3);
                        outcome.set(new AssertionError("put into a full queue"));
                    } catch (Throwable e) {
                        outcome.set(e);
                    }
                });
            }
            assertTrue(started.await(10, TimeUnit.SECONDS));
            IllegalStateException cause = new IllegalStateException("task 4 could not start");
            scope.abandonWaits(cause);
            assertTrue(producer.join(Duration.ofSeconds(10)), "the put did not end");
            WaitAbandonedException thrown = assertInstanceOf(WaitAbandonedException.class, outcome.get());
            assertSame(cause, thrown.getCause());
            assertTrue(thrown.getMessage().contains("cell 9") && thrown.getMessage().contains("task 4 could not start"),
                    thrown.getMessage());
            assertEquals(2, queue.size());                        // nothing added
            assertEquals(1, queue.take());                        // outside the scope, waits go on as before
        }
    }

    @Test
    void fourThreadsLoseNothing() throws Exception {
        int perProducer = 200_000;
        try (SharedQueue queue = SharedQueue.create("threads", 64);
             ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<long[]>> consumers = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                consumers.add(pool.submit(() -> {
                    long count = 0;
                    long sum = 0;
                    for (long v; (v = queue.poll(Duration.ofSeconds(30)).orElseThrow()) != -1; ) {
                        count++;
                        sum += v;
                    }
                    return new long[] {count, sum};
                }));
            }
            for (int p = 0; p < 2; p++) {
                long from = (long) p * perProducer;
                pool.submit(() -> {
                    for (long v = from; v < from + perProducer; v++) {
                        queue.put(v);
                    }
                    queue.put(-1);
                    return null;
                });
            }
            long count = 0;
            long sum = 0;
            for (Future<long[]> consumer : consumers) {
                long[] result = consumer.get(60, TimeUnit.SECONDS);
                count += result[0];
                sum += result[1];
            }
            long n = 2L * perProducer;
            assertEquals(n, count);
            assertEquals(n * (n - 1) / 2, sum);
        }
    }

    @Test
    void twoProducerAndTwoConsumerJvmsLoseNothing() {
        long perProducer = 50_000;
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            try (SharedQueue ignored = SharedQueue.create("jobs", 64); ChildJvms jvms = new ChildJvms()) {
                List<Process> consumers = List.of(jvms.start("consume", "jobs"), jvms.start("consume", "jobs"));
                List<Process> producers = List.of(
                        jvms.start("produce", "jobs", "0", Long.toString(perProducer)),
                        jvms.start("produce", "jobs", Long.toString(perProducer), Long.toString(perProducer)));
                for (Process producer : producers) {
                    assertTrue(ChildJvms.resultOf(producer, 90).startsWith("done "));
                }
                long count = 0;
                long sum = 0;
                for (Process consumer : consumers) {
                    String[] result = ChildJvms.resultOf(consumer, 90).split(" ");
                    count += Long.parseLong(result[0]);
                    sum += Long.parseLong(result[1]);
                }
                long n = 2 * perProducer;
                assertEquals(n, count);
                assertEquals(n * (n - 1) / 2, sum);
            }
        });
    }
}
