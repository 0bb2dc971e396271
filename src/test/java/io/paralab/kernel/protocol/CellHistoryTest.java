package io.paralab.kernel.protocol;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager.ResultFlag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** history_request answers: tail, range, search with globs and unique. */
class CellHistoryTest {

    private final CellHistory history = new CellHistory();

    @BeforeEach
    void fill() {
        history.add(1, "6*7", "42");
        history.add(2, "int x = 1;", "");
        history.add(3, "6*7", "42");
        history.add(4, "x + 1", "2");
    }

    private static List<Integer> numbers(List<HistoryEntry> entries) {
        return entries.stream().map(HistoryEntry::getCellNumber).toList();
    }

    @Test
    void tailGivesTheLastCells() {
        assertEquals(List.of(3, 4), numbers(history.lookupTail(2, Set.of())));
        assertEquals(List.of(1, 2, 3, 4), numbers(history.lookupTail(100, Set.of())));
    }

    @Test
    void outputIsIncludedOnlyWhenAsked() {
        assertNull(history.lookupTail(1, Set.of()).get(0).getOutput());
        assertEquals("2", history.lookupTail(1, EnumSet.of(ResultFlag.INCLUDE_OUTPUT)).get(0).getOutput());
    }

    @Test
    void rangeIsStartInclusiveStopExclusiveInTheCurrentSession() {
        assertEquals(List.of(2, 3), numbers(history.lookupRange(CellHistory.SESSION, 2, 4, Set.of())));
        assertEquals(List.of(2, 3), numbers(history.lookupRange(0, 2, 4, Set.of())));
        assertTrue(history.lookupRange(7, 1, 5, Set.of()).isEmpty());
    }

    @Test
    void searchMatchesSqliteGlobsAndCanBeUnique() {
        assertEquals(List.of(1, 3), numbers(history.search("6?7", 0, Set.of())));
        assertEquals(List.of(3), numbers(history.search("6?7", 0, EnumSet.of(ResultFlag.UNIQUE))));
        assertEquals(List.of(2, 4), numbers(history.search("*x*", 0, Set.of())));
        assertEquals(List.of(4), numbers(history.search("*x*", 1, Set.of())));
        assertEquals(List.of(4), numbers(history.search("[wx] + ?", 0, Set.of())));
    }

    @Test
    void globSpecialsOfRegexAreLiteral() {
        assertTrue(CellHistory.globToRegex("a.b(c)").matcher("a.b(c)").matches());
        assertFalse(CellHistory.globToRegex("a.b").matcher("axb").matches());
    }
}
