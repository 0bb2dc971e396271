package io.paralab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpeedupRangeTest {

    @Test
    void medianRatioWithTheQuartileRatiosAroundIt() {
        // baseline quartiles 150 / 200 / 250; variant quartiles 75 / 100 / 125
        SpeedupRange r = SpeedupRange.of(List.of(100L, 200L, 300L), List.of(50L, 100L, 150L));
        assertEquals(2.0, r.median(), 1e-12);
        assertEquals(150.0 / 125, r.low(), 1e-12);
        assertEquals(250.0 / 75, r.high(), 1e-12);
        assertFalse(r.overlapsOne());
        assertEquals("2.00× (1.20–3.33)", r.toString());
        assertEquals("1182× (988–1520)", new SpeedupRange(1181.75, 987.53, 1520.18).toString(), "three significant digits");
    }

    @Test
    void runsThatOverlapAreNotAClearDifference() {
        SpeedupRange r = SpeedupRange.of(List.of(90L, 100L, 130L), List.of(80L, 100L, 120L));
        assertTrue(r.low() < 1 && r.high() > 1, r.toString());
        assertTrue(r.overlapsOne());
    }

    @Test
    void compareAndScalingResultsGiveTheRangeOfTheirOwnRuns() {
        CompareResult c = new CompareResult("t", "a", List.of(new Measurement("a", List.of(100L, 200L, 300L)),
                new Measurement("b", List.of(50L, 100L, 150L))), java.util.Map.of(), Machine.current(), "now");
        assertEquals(SpeedupRange.of(List.of(100L, 200L, 300L), List.of(50L, 100L, 150L)), c.speedupRange("b"));
        assertEquals(c.speedup("b"), c.speedupRange("b").median(), 1e-12);
        ScalingResult s = new ScalingResult("s", List.of(new ScalingPoint(1, List.of(100L, 200L, 300L)),
                new ScalingPoint(2, List.of(50L, 100L, 150L))), java.util.Map.of(), Machine.current(), "now");
        assertEquals(s.speedup(2), s.speedupRange(2).median(), 1e-12);
    }

    @Test
    void emptyOrZeroTimingsAreRefusedWithTheReason() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> SpeedupRange.of(List.of(), List.of(1L)));
        assertTrue(empty.getMessage().contains("baseline has no timing"), empty.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> SpeedupRange.of(List.of(1L), List.of(0L)));
        assertTrue(zero.getMessage().contains("not positive"), zero.getMessage());
    }
}
