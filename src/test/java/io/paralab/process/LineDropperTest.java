package io.paralab.process;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LineDropperTest {

    private static final String LINE = " AOTConfiguration recorded: /c/x.aot.part-7";

    @Test
    void dropsTheLineWithItsEndOnceKeepingWhatSurroundsIt() {
        LineDropper dropper = new LineDropper(LINE);
        assertEquals("before\nafter\n", copy(dropper, "before\n" + LINE + "\nafter\n"));
        assertEquals(LINE + "\n", copy(dropper, LINE + "\n"), "only once");
    }

    @Test
    void dropsTheLineEndThatArrivesWithTheNextChunk() {
        LineDropper dropper = new LineDropper(LINE);
        assertEquals("x", copy(dropper, "x" + LINE));
        assertEquals("next\n", copy(dropper, "\nnext\n"));
        assertEquals("\n", copy(dropper, "\n"), "a later empty line stays");
    }

    @Test
    void noneCopiesEverything() {
        assertEquals(LINE + "\n", copy(LineDropper.NONE, LINE + "\n"));
    }

    private static String copy(LineDropper dropper, String chunk) {
        byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
        return new String(bytes, 0, dropper.filter(bytes, bytes.length), StandardCharsets.UTF_8);
    }
}
