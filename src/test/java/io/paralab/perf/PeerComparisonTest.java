package io.paralab.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paralab.perf.Row.Unit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's bookkeeping: targets, reading the peers' JSON, the table (the measurements are not tested). */
class PeerComparisonTest {

    private static final String VALUE_WITH_LOCK = "Value('i') with get_lock(), 4 procs";

    @Test
    void targetsBoundTheJavaMedianOrTheRatioToPython() {
        assertTrue(Target.atMost(0.100, "≤ 100 ms").met(0.100, Double.NaN));
        assertFalse(Target.atMost(0.100, "≤ 100 ms").met(0.101, Double.NaN));
        assertTrue(Target.atLeast(1.8, "≥ 1.8×").met(1.8, Double.NaN));
        assertFalse(Target.atLeast(1.8, "≥ 1.8×").met(1.79, Double.NaN));
        assertTrue(Target.fasterThanPython(20).met(0.019, 0.38));
        assertFalse(Target.fasterThanPython(20).met(0.020, 0.38 - 1e-9));
        assertNull(Target.fasterThanPython(20).met(0.010, Double.NaN), "no Python figure: cannot tell");
        assertNull(Target.NONE.met(1, 1));
        assertEquals("≥ 20× Python", Target.fasterThanPython(20).text());
    }

    @Test
    void readsEveryMedianAndCoreProbeOfThePeersJson(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("python_peers.json");
        try (InputStream in = PeerComparisonTest.class.getResourceAsStream("/io/paralab/bench/python_peers_sample.json")) {
            Files.copy(in, json);
        }
        PeerFigures python = PeerFigures.load(json);
        assertEquals(1.1448350519999622, python.median("shared_counter", VALUE_WITH_LOCK));
        assertTrue(Double.isNaN(python.median("shared_counter", "no such variant")));
        assertTrue(Double.isNaN(python.median(null, null)));
        assertEquals(List.of(2.523, 2.248), python.probes().get("shared_counter"));
        assertTrue(python.source().startsWith("measured now"));
    }

    @Test
    void recordedFiguresSayTheyAreNotMeasuredNow() {
        PeerFigures recorded = PeerFigures.recorded();
        assertEquals(0.38, recorded.median("shared_counter", VALUE_WITH_LOCK));
        assertTrue(recorded.source().contains("NOT measured now"));
    }

    @Test
    void tableShowsMedianRangeRatioAndVerdict() {
        PeerFigures python = new PeerFigures("test", Map.of("shared_counter/" + VALUE_WITH_LOCK, 0.40), Map.of());
        Row row = new Row("5", "SharedLong", Unit.SECONDS, new double[] {0.030, 0.010, 0.020}, "shared_counter",
                VALUE_WITH_LOCK, Target.fasterThanPython(20));
        String table = ComparisonTable.markdown(List.of(row), python, Map.of("5", List.of(2.0, 1.9)));
        assertTrue(table.contains("| 5 | SharedLong | 20.0 ms (10.0 ms–30.0 ms) | `" + VALUE_WITH_LOCK
                + "` | 400.0 ms | 20.00 | ≥ 20× Python | yes | 2.0–1.9; – |"), table);
    }

    @Test
    void aRowNeedsASampleAndHasNoRatioWhenAFigureIsNotPositive() {
        assertThrows(IllegalArgumentException.class,
                () -> new Row("8", "empty", Unit.KIB, new double[0], null, null, Target.NONE));
        Row virtual = new Row("8", "virtual thread", Unit.KIB, new double[] {-0.5, 0.0, 0.2}, "memory", "x", Target.NONE);
        assertFalse(virtual.comparable(11.4));
        Row speedUp = new Row("3", "speed-up", Unit.TIMES, new double[] {1.9}, null, null, Target.atLeast(1.8, ""));
        assertFalse(speedUp.comparable(Double.NaN));
    }
}
