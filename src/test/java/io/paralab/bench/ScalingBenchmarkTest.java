package io.paralab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ScalingBenchmarkTest {

    private final AtomicLong now = new AtomicLong();

    /** Perfectly parallel fake work: 1,200 µs of work split over n workers. */
    private ScalingResult perfect(int... workers) {
        return Bench.scaling("perfect").clock(now::get).warmup(1).runs(3).workers(workers)
                .work(n -> now.addAndGet(1_200_000 / n))
                .run();
    }

    @Test
    void speedupIsMedianWithOneWorkerOverMedianWithN() {
        ScalingResult r = perfect(4, 1, 2, 3);
        assertEquals(List.of(1, 2, 3, 4), r.points().stream().map(ScalingPoint::workers).toList());
        assertEquals(List.of(400_000L, 400_000L, 400_000L), r.point(3).samplesNanos());
        assertEquals(1.0, r.speedup(1), 1e-9);
        assertEquals(4.0, r.speedup(4), 1e-9);
        assertEquals(Runtime.getRuntime().availableProcessors(), r.cores());
        String text = r.toString();
        assertTrue(text.contains("4.00×") && text.contains("100 %"), text);
        assertTrue(r.toHtml().contains("<th style=\"text-align:right\">speed-up</th>"), r.toHtml());
    }

    @Test
    void roundsRunEveryWorkerCountInIncreasingOrder() {
        List<Integer> order = new ArrayList<>();
        List<Long> done = new ArrayList<>();
        Bench.scaling("order").clock(now::get).maxWorkers(3).warmup(1).runs(1)
                .work(n -> order.add(n))
                .progress((d, total) -> done.add(d * 100 + total))
                .run();
        assertEquals(List.of(1, 2, 3, 1, 2, 3), order);
        assertEquals(List.of(106L, 206L, 306L, 406L, 506L, 606L), done);
    }

    @Test
    void workMayThrowCheckedExceptionsAndItsFailureIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Bench.scaling("s")
                .clock(now::get).workers(1, 2).warmup(0).runs(1)
                .work(n -> {
                    if (n == 2) {
                        throw new java.io.IOException("worker 2 lost");
                    }
                    return n;
                })
                .run());
        assertTrue(e.getMessage().contains("2 workers, measured run 1"), e.getMessage());
        assertEquals("worker 2 lost", e.getCause().getMessage());
    }

    @Test
    void jsonRoundTripGivesAnEqualResult() {
        ScalingResult r = perfect(1, 2);
        assertEquals(r, ScalingResult.fromJson(r.toJson()));
    }

    @Test
    void badWorkerCountsAreRefused() {
        ScalingBenchmark b = Bench.scaling("b");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.workers(2, 4)).getMessage()
                .contains("must include 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.workers(1, 2, 2)).getMessage()
                .contains("worker count 2 is given twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.maxWorkers(0)).getMessage()
                .contains("maximum worker count must be at least 1, got 0"));
        assertTrue(assertThrows(IllegalStateException.class, b::run).getMessage().contains("no work"));
        IllegalArgumentException noOne = assertThrows(IllegalArgumentException.class, () -> new ScalingResult("t",
                List.of(new ScalingPoint(2, List.of(1L))), Map.of(), Machine.current(), "now"));
        assertTrue(noOne.getMessage().contains("no 1-worker point"), noOne.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> perfect(1, 2).point(8)).getMessage()
                .contains("measured: 1, 2"));
    }
}
