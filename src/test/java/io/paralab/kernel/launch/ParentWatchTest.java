package io.paralab.kernel.launch;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The kernel watches the front end jupyter_client names, else its parent process. */
class ParentWatchTest {

    @Test
    void theFrontEndNamedByJupyterClientIsWatched() throws Exception {
        Process front = new ProcessBuilder("sleep", "60").start();
        try {
            assertEquals(front.pid(), ParentWatch.parent(Map.of(ParentWatch.PARENT_PID, " " + front.pid()))
                    .orElseThrow().pid());
        } finally {
            front.destroyForcibly().waitFor();
        }
    }

    @Test
    void withoutAUsableNameTheParentProcessIsWatched() throws Exception {
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        assertEquals(parent, ParentWatch.parent(Map.of()).orElseThrow().pid());
        assertEquals(parent, ParentWatch.parent(Map.of(ParentWatch.PARENT_PID, "not a pid")).orElseThrow().pid());
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        assertEquals(parent, ParentWatch.parent(Map.of(ParentWatch.PARENT_PID, "" + gone.pid())).orElseThrow().pid());
    }
}
