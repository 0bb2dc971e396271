package io.paralab.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(SharedTestDirectory.class)
class SharedByteQueueTest {

    @Test
    void messagesComeOutAsTheyWentInFirstInFirstOut() throws Exception {
        try (SharedByteQueue queue = SharedByteQueue.create("bytes", 4, 10);
             SharedByteQueue other = SharedByteQueue.open("bytes")) {
            assertEquals(4, other.capacity());
            assertTrue(other.maxMessageBytes() >= 10);
            assertEquals(Optional.empty(), queue.poll());
            queue.put(new byte[0]);
            queue.put("héllo".getBytes(StandardCharsets.UTF_8));
            queue.put(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
            assertTrue(queue.offer(new byte[] {-1}));
            assertFalse(queue.offer(new byte[] {0}, Duration.ofMillis(20)));
            assertArrayEquals(new byte[0], other.take());
            assertEquals("héllo", new String(other.take(), StandardCharsets.UTF_8));
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, other.poll().orElseThrow());
            assertArrayEquals(new byte[] {-1}, other.poll(Duration.ofSeconds(1)).orElseThrow());
            assertEquals(Optional.empty(), other.poll(Duration.ofMillis(20)));
        }
    }

    @Test
    void aTooLongMessageIsRefusedAndTheQueueStaysIntact() throws Exception {
        try (SharedByteQueue queue = SharedByteQueue.create("short", 2, 8)) {
            queue.put(new byte[] {7});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> queue.put(new byte[13]));
            assertTrue(e.getMessage().contains("13 bytes does not fit shared byte queue 'short'"), e.getMessage());
            assertEquals(1, queue.size());
            assertArrayEquals(new byte[] {7}, queue.take());
        }
        assertEquals("shared byte queue 'none': maxMessageBytes must be between 1 and "
                + SharedByteQueue.MAX_MESSAGE_BYTES + ", got 0",
                assertThrows(IllegalArgumentException.class, () -> SharedByteQueue.create("none", 2, 0)).getMessage());
        assertEquals("shared byte queue 'odd': capacity must be a power of two between 2 and 67108864, got 3",
                assertThrows(IllegalArgumentException.class, () -> SharedByteQueue.create("odd", 3, 8)).getMessage());
    }

    @Test
    void aByteQueueIsNotALongQueue() {
        try (SharedByteQueue ignored = SharedByteQueue.create("kind", 2, 8)) {
            SharedMemoryException e = assertThrows(SharedMemoryException.class, () -> SharedQueue.open("kind"));
            assertTrue(e.getMessage().contains("it is a SharedByteQueue, not a SharedQueue"), e.getMessage());
        }
    }

    @Test
    void threadsLoseAndMangleNothing() throws Exception {
        int perProducer = 20_000;
        try (SharedByteQueue queue = SharedByteQueue.create("mpmc", 16, 32);
             ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<Set<String>>> consumers = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                consumers.add(pool.submit(() -> {
                    Set<String> got = new HashSet<>();
                    for (byte[] m; (m = queue.poll(Duration.ofSeconds(30)).orElseThrow()).length > 0; ) {
                        got.add(new String(m, StandardCharsets.UTF_8));
                    }
                    return got;
                }));
            }
            for (int p = 0; p < 2; p++) {
                String producer = "p" + p + "-";
                pool.submit(() -> {
                    for (int i = 0; i < perProducer; i++) {
                        queue.put((producer + i).getBytes(StandardCharsets.UTF_8));
                    }
                    queue.put(new byte[0]);
                    return null;
                });
            }
            Set<String> all = new HashSet<>();
            for (Future<Set<String>> consumer : consumers) {
                for (String message : consumer.get(60, TimeUnit.SECONDS)) {
                    assertTrue(all.add(message), "received twice: " + message);
                }
            }
            assertEquals(2 * perProducer, all.size());
            for (int i = 0; i < perProducer; i++) {
                assertTrue(all.contains("p0-" + i) && all.contains("p1-" + i), "lost message " + i);
            }
        }
    }

    @Test
    void messagesFromAChildJvmArriveWhole() {
        int count = 5_000;
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            try (SharedByteQueue queue = SharedByteQueue.create("text", 8, 64); ChildJvms jvms = new ChildJvms()) {
                Process producer = jvms.start("produceText", "text", Integer.toString(count));
                for (int i = 0; i < count; i++) {
                    assertArrayEquals(SharedQueueTest.textMessage(i), queue.poll(Duration.ofSeconds(60)).orElseThrow());
                }
                assertEquals(0, queue.take().length);
                assertEquals("done", ChildJvms.resultOf(producer, 60));
            }
        });
    }
}
