package io.paralab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paralab.threads.TaskObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

class TimelineTest {

    @Test
    void emptyTimelineHasNoConcurrency() {
        assertEquals(0, new Timeline("empty").maxConcurrency());
    }

    @Test
    void maxConcurrencyCountsOverlappingSpans() {
        Timeline t = new Timeline("t");
        t.record("w1", "a", 0, 10);
        t.record("w2", "b", 5, 15);
        t.record("w3", "c", 8, 12);      // a, b, c overlap in [8, 10)
        t.record("w1", "d", 20, 30);
        assertEquals(3, t.maxConcurrency());
    }

    @Test
    void spansThatTouchDoNotOverlap() {
        Timeline t = new Timeline("t");
        t.record("w1", "a", 0, 10);
        t.record("w2", "b", 10, 20);
        t.record("w1", "c", 20, 30);
        assertEquals(1, t.maxConcurrency());
    }

    @Test
    void aSemaphoreLikeCapOfTwoIsSeenAsTwo() {
        Timeline t = new Timeline("cap 2");
        for (int i = 0; i < 10; i++) {            // two permits: tasks i and i+1 share each slot of 10 ns
            t.record("w" + (i % 4), "task " + i, (i / 2) * 10L, (i / 2) * 10L + 10);
        }
        assertEquals(2, t.maxConcurrency());
        assertEquals(List.of("w0", "w1", "w2", "w3"), t.lanes());
    }

    @Test
    void recordIsAThreadSafeTaskObserver() throws Exception {
        Timeline t = new Timeline("threads");
        TaskObserver observer = t::record;
        int threads = 4;
        int perThread = 500;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Thread> started = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int w = 0; w < threads; w++) {
                String lane = "worker-" + w;
                started.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    for (int i = 0; i < perThread; i++) {
                        observer.taskRan(lane, "task " + i, i, i + 1);
                    }
                }));
            }
            for (Thread thread : started) {
                thread.join();
            }
        });
        assertEquals(threads * perThread, t.spans().size());
        assertEquals(threads, t.maxConcurrency());
    }

    @Test
    void timeRecordsTheCallingThreadsWorkAlsoWhenItThrows() throws Exception {
        Timeline t = new Timeline("time");
        Thread worker = Thread.ofPlatform().name("pool-worker-7").start(() -> {
            int answer = t.time("answer", () -> 42);        // no checked exception: no try/catch needed
            assertEquals(42, answer);
        });
        Thread virtual = Thread.ofVirtual().start(() -> {
            try {
                t.time("fails", () -> {
                    throw new java.io.IOException("gone");
                });
            } catch (java.io.IOException expected) {
                // recorded anyway, checked below
            }
        });
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            worker.join();
            virtual.join();
        });
        assertEquals(2, t.spans().size());
        assertTrue(t.spans().stream().anyMatch(s -> s.lane().equals("pool-worker-7") && s.label().equals("answer")));
        assertTrue(t.spans().stream().anyMatch(s -> s.lane().equals("virtual-" + virtual.threadId())
                && s.label().equals("fails")));
    }

    @Test
    void aSpanEndingBeforeItStartsIsRefusedAndNotRecorded() {
        Timeline t = new Timeline("t");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.record("w", "x", 10, 5));
        assertTrue(e.getMessage().contains("task 'x' on 'w' ends before it starts"), e.getMessage());
        assertEquals(0, t.spans().size());
    }

    @Test
    void jsonRoundTripKeepsEverySpan() {
        Timeline t = new Timeline("json");
        t.record("w1", "a", 100, 200);
        t.record("w2", "b", 150, 400);
        Timeline loaded = Timeline.fromJson(t.toJson());
        assertEquals("json", loaded.title());
        assertEquals(t.spans(), loaded.spans());
        assertEquals(2, loaded.maxConcurrency());
    }
}
