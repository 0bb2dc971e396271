package io.paralab.lesson;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LessonTest {

    @Test
    void aRunSizePicksItsOwnValue() {
        assertEquals(20, RunSize.QUICK.pick(20, 50));
        assertEquals(50L, RunSize.FULL.pick(20L, 50L));
        assertEquals(Duration.ofMillis(5), RunSize.QUICK.pick(Duration.ofMillis(5), Duration.ofMillis(50)));
        assertEquals("full mode", RunSize.FULL.label());
        RunSize fromEnvironment = RunSize.fromEnvironment();
        assertEquals("1".equals(System.getenv("PARALAB_QUICK")) ? RunSize.QUICK : RunSize.FULL, fromEnvironment);
    }

    @Test
    void primesAreCountedByTrialDivisionOverSplitRanges() {
        assertEquals(25, Primes.count(new Range(0, 100)));
        assertTrue(Primes.isPrime(2) && Primes.isPrime(97) && Primes.isPrime(2_147_483_647));
        assertTrue(!Primes.isPrime(1) && !Primes.isPrime(0) && !Primes.isPrime(-7) && !Primes.isPrime(91));
        List<Range> ranges = Range.split(1_000, 3);
        assertEquals(List.of(new Range(0, 333), new Range(333, 666), new Range(666, 1_000)), ranges);
        assertEquals(168, ranges.stream().mapToLong(Primes::count).sum());
        assertEquals(1_000, ranges.stream().mapToInt(Range::size).sum());
    }

    @Test
    void badRangesAreRejectedNamingTheParameterAndTheValue() {
        assertEquals("parts must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> Range.split(10, 0)).getMessage());
        assertEquals("limit must be at least 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> Range.split(-1, 2)).getMessage());
        assertEquals("hi must be at least lo 5, got 4",
                assertThrows(IllegalArgumentException.class, () -> new Range(5, 4)).getMessage());
        assertEquals(List.of(new Range(0, 0), new Range(0, 0), new Range(0, 2)), Range.split(2, 3));
    }
}
