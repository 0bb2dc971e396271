package io.paralab.process;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** A child JVM's named arguments, written by the parent and read by {@link WorkerMain}. */
class WorkerArgumentsTest {

    @Test
    void theWordsTheParentWritesReadBackAsTheSameArguments() {
        WorkerMain.Arguments arguments = new WorkerMain.Arguments("worker-3", 4, 4242, ChildRole.POOL);
        assertEquals(java.util.List.of("--name=worker-3", "--threads=4", "--parent=4242", "--role=pool"), arguments.words());
        assertEquals(arguments, WorkerMain.Arguments.parse(arguments.words().toArray(String[]::new)));
        assertEquals(new WorkerMain.Arguments("child-1", 1, 7, ChildRole.SINGLE),
                WorkerMain.Arguments.parse("--role=single", "--parent=7", "--threads=1", "--name=child-1"));
    }

    @Test
    void aMissingRepeatedUnknownOrMalformedArgumentIsNamed() {
        assertMessage("missing argument --role", "--name=w", "--threads=1", "--parent=7");
        assertMessage("argument --name given twice", "--name=w", "--name=v", "--threads=1", "--parent=7", "--role=pool");
        assertMessage("unknown argument 'worker-1'", "worker-1", "2", "4242", "pool");
        assertMessage("--threads must be a positive number, got 'two'", "--name=w", "--threads=two", "--parent=7", "--role=pool");
        assertMessage("--role must be pool or single, got 'many'", "--name=w", "--threads=1", "--parent=7", "--role=many");
    }

    private static void assertMessage(String expected, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkerMain.Arguments.parse(args));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
        assertTrue(e.getMessage().contains("usage: WorkerMain --name="), e.getMessage());
    }
}
