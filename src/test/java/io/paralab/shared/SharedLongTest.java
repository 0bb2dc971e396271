package io.paralab.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(SharedTestDirectory.class)
class SharedLongTest {

    @Test
    void atomicOperationsSeeEachOtherThroughTwoMappings() {
        try (SharedLong a = SharedLong.create("ops"); SharedLong b = SharedLong.open("ops")) {
            assertEquals(0, a.get());
            a.set(5);
            assertEquals(5, b.getAndAdd(3));
            assertEquals(9, a.incrementAndGet());
            assertEquals(7, b.addAndGet(-2));
            assertFalse(a.compareAndSet(6, 100));
            assertTrue(b.compareAndSet(7, 100));
            assertEquals(100, a.getAndSet(-1));
            assertEquals(-1, b.get());
        }
    }

    @Test
    void arrayOperationsPerIndexAndBounds() {
        try (SharedLongArray a = SharedLongArray.create("array", 3); SharedLongArray b = SharedLongArray.open("array")) {
            assertEquals(3, b.length());
            a.set(0, 10);
            assertEquals(10, b.getAndAdd(0, 1));
            assertEquals(1, b.incrementAndGet(2));
            assertTrue(a.compareAndSet(2, 1, 7));
            assertEquals(5, b.addAndGet(1, 5));
            assertEquals(5, a.getAndSet(1, 6));
            assertArrayEquals(new long[] {11, 6, 7}, b.toArray());
            assertThrows(IndexOutOfBoundsException.class, () -> a.get(3));
            assertThrows(IndexOutOfBoundsException.class, () -> a.set(-1, 0));
        }
        assertEquals("shared array 'empty': length must be between 1 and " + SharedLongArray.MAX_LENGTH + ", got 0",
                assertThrows(IllegalArgumentException.class, () -> SharedLongArray.create("empty", 0)).getMessage());
    }

    @Test
    void fourChildJvmsCountExactly() {
        int children = 4;
        int increments = 100_000;
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            try (SharedLong counter = SharedLong.create("hits");
                 SharedLong ready = SharedLong.create("hits.ready");
                 ChildJvms jvms = new ChildJvms()) {
                List<Process> started = new ArrayList<>();
                for (int i = 0; i < children; i++) {
                    started.add(jvms.start("increment", "hits", Integer.toString(increments), Integer.toString(children)));
                }
                for (Process child : started) {
                    assertTrue(ChildJvms.resultOf(child, 60).startsWith("done "));
                }
                assertEquals(children, ready.get());
                assertEquals((long) children * increments, counter.get());
            }
        });
    }
}
