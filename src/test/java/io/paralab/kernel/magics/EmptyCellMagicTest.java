package io.paralab.kernel.magics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A cell that is only a cell-magic line gets an error naming the magic; a cell with a body passes. */
class EmptyCellMagicTest {

    @Test
    void aMagicLineWithoutBodyIsRefusedByName() {
        for (String cell : new String[]{"%%timeit", "  %%timeit -n 3\n  \n", "%%time\n"}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> EmptyCellMagic.reject(cell));
            String magic = cell.contains("timeit") ? "%%timeit" : "%%time";
            assertEquals(magic + " needs a cell body: put the code on the lines below the " + magic + " line",
                    error.getMessage());
        }
    }

    @Test
    void cellsWithABodyOrNoCellMagicPass() {
        assertDoesNotThrow(() -> EmptyCellMagic.reject("%%timeit\nfib(20)"));
        assertDoesNotThrow(() -> EmptyCellMagic.reject("int x = 1;"));
        assertDoesNotThrow(() -> EmptyCellMagic.reject("%time fib(20)"));
    }
}
