package io.paralab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    private static final double EPS = 1e-9;

    @Test
    void oddCountHasTheMiddleSampleAsMedian() {
        Stats s = Stats.of(5, 1, 4, 2, 3);
        assertEquals(5, s.n());
        assertEquals(3, s.median(), EPS);
        assertEquals(3, s.mean(), EPS);
        assertEquals(1, s.min(), EPS);
        assertEquals(5, s.max(), EPS);
        assertEquals(Math.sqrt(2.5), s.stdDev(), EPS);   // sum of squares 10, n - 1 = 4
        assertEquals(4.8, s.p95(), EPS);                 // h = 4 * 0.95 = 3.8 -> 4 + 0.8 * (5 - 4)
    }

    @Test
    void evenCountHasTheMeanOfTheTwoMiddleSamplesAsMedian() {
        Stats s = Stats.of(10, 1, 3, 2);
        assertEquals(2.5, s.median(), EPS);
        assertEquals(4, s.mean(), EPS);
        assertEquals(8.95, s.p95(), EPS);                // h = 3 * 0.95 = 2.85 -> 3 + 0.85 * 7
        assertEquals(Math.sqrt(50.0 / 3), s.stdDev(), EPS);   // squares 36 + 9 + 1 + 4
    }

    @Test
    void oneSampleHasZeroSpreadAndItselfEverywhere() {
        Stats s = Stats.of(7.5);
        assertEquals(new Stats(1, 7.5, 7.5, 0, 7.5, 7.5, 7.5), s);
        assertEquals(0, s.relativeStdDev(), EPS);
    }

    @Test
    void knownStandardDeviationOfAClassicDataSet() {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squares 32, sample variance 32 / 7
        Stats s = Stats.of(List.of(2, 4, 4, 4, 5, 5, 7, 9));
        assertEquals(5, s.mean(), EPS);
        assertEquals(Math.sqrt(32.0 / 7), s.stdDev(), EPS);
        assertEquals(4.5, s.median(), EPS);
    }

    @Test
    void percentileInterpolatesLinearlyBetweenClosestRanks() {
        double[] hundred = new double[101];
        for (int i = 0; i <= 100; i++) {
            hundred[100 - i] = i;                        // unsorted on purpose
        }
        assertEquals(95, Stats.percentile(0.95, hundred), EPS);
        assertEquals(99, Stats.percentile(0.99, hundred), EPS);
        assertEquals(0, Stats.percentile(0, hundred), EPS);
        assertEquals(100, Stats.percentile(1, hundred), EPS);
        assertEquals(1.5, Stats.percentile(0.5, 1, 2), EPS);
    }

    @Test
    void samplesAreNotReordered() {
        double[] samples = {3, 1, 2};
        Stats.of(samples);
        assertEquals(3, samples[0], EPS);
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> Stats.of());
        assertTrue(none.getMessage().contains("at least one sample"), none.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> Stats.of(1, Double.NaN));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class, () -> Stats.percentile(1.5, 1));
        assertTrue(p.getMessage().contains("1.5"), p.getMessage());
    }
}
