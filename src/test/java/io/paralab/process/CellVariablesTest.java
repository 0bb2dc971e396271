package io.paralab.process;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Notebook cell variables as tasks see them: JShell keeps {@code int k = 3;} in a static field of the cell's
 * wrapper class, which a later cell's lambda reads there. A task sees the values the variables have when it
 * is submitted, in every worker, also after they changed, and a value that cannot travel is named at submit.
 */
class CellVariablesTest {

    /** Cell 21 declares variables; cell 22 defines a method that reads one; cell 23 has lambdas reading them. */
    private static final Map<String, String> CELLS = Map.of(
            "REPL.$JShell$21", """
                    package REPL;
                    public class $JShell$21 {
                        public static int k;
                        public static String word;
                        public static java.util.List<Integer> list;
                        public static Thread thread;
                        public static int counter;
                    }
                    """,
            "REPL.$JShell$22", """
                    package REPL;
                    public class $JShell$22 {
                        public static int scaled(int x) { return x * $JShell$21.k; }
                    }
                    """,
            "REPL.$JShell$23", """
                    package REPL;
                    import io.paralab.process.*;
                    public class $JShell$23 {
                        public static SerializableFunction<Integer, String> label() { return x -> $JShell$21.word + (x * $JShell$21.k); }
                        public static SerializableFunction<Integer, Integer> viaMethod() { return x -> $JShell$22.scaled(x); }
                        public static SerializableFunction<Integer, Integer> viaReference() { return $JShell$22::scaled; }
                        public static SerializableFunction<Integer, Integer> size() { return x -> $JShell$21.list.size(); }
                        public static SerializableFunction<Integer, String> thread() { return x -> $JShell$21.thread.getName(); }
                        public static SerializableFunction<Integer, Integer> count() { return x -> ++$JShell$21.counter; }
                        public static SerializableCallable<Integer> k() { return () -> $JShell$21.k; }
                    }
                    """);

    private static ProcessPool pool;
    private static CellClasses cells;
    private static Class<?> variables;

    @BeforeAll
    static void start() throws Exception {
        pool = ProcessPool.of(2);
        cells = CellClasses.compile(CELLS);
        variables = cells.loadClass("REPL.$JShell$21");
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    private static void set(String name, Object value) throws ReflectiveOperationException {
        variables.getField(name).set(null, value);
    }

    private static <T> T lambda(String method) throws ReflectiveOperationException {
        return cells.call("REPL.$JShell$23", method);
    }

    private static final List<Integer> SIX = List.of(1, 2, 3, 4, 5, 6);

    @Test
    void aMapSeesTheValuesAtEachSubmitNotWhenTheWorkerFirstLoadedTheClass() throws Exception {
        SerializableFunction<Integer, String> label = lambda("label");
        set("k", 1);
        set("word", "a");
        assertEquals(List.of("a1", "a2", "a3", "a4", "a5", "a6"), pool.map(label, SIX));
        set("k", 2);
        assertEquals(List.of("a2", "a4", "a6", "a8", "a10", "a12"), pool.map(label, SIX));
        set("word", "b");
        assertEquals(List.of("b2", "b4", "b6", "b8", "b10", "b12"), pool.map(label, SIX));
    }

    @Test
    void aVariableReadThroughACellMethodOrAMethodReferenceIsCurrentToo() throws Exception {
        SerializableFunction<Integer, Integer> viaMethod = lambda("viaMethod");
        SerializableFunction<Integer, Integer> viaReference = lambda("viaReference");
        set("k", 10);
        assertEquals(List.of(10, 20, 30, 40, 50, 60), pool.map(viaMethod, SIX));
        assertEquals(List.of(10, 20), pool.map(viaReference, List.of(1, 2)));
        set("k", 100);
        assertEquals(List.of(100, 200, 300, 400, 500, 600), pool.map(viaMethod, SIX));
        assertEquals(List.of(100, 200), pool.map(viaReference, List.of(1, 2)));
    }

    @Test
    void aListChangedWithAddIsSeenAtItsNewSize() throws Exception {
        SerializableFunction<Integer, Integer> size = lambda("size");
        List<Integer> list = new ArrayList<>(List.of(1));
        set("list", list);
        assertEquals(List.of(1, 1, 1, 1, 1, 1), pool.map(size, SIX));
        list.add(2);
        list.add(3);
        assertEquals(List.of(3, 3, 3, 3, 3, 3), pool.map(size, SIX));
    }

    @Test
    void aSubmittedTaskAndAJvmProcessSeeTheCurrentValue() throws Exception {
        SerializableCallable<Integer> k = lambda("k");
        set("k", 7);
        assertEquals(7, pool.submit(k).get(30, TimeUnit.SECONDS));
        set("k", 8);
        assertEquals(8, pool.submit(k).get(30, TimeUnit.SECONDS));
        set("k", 9);
        try (JvmProcess<Integer> child = JvmProcess.start(k)) {
            assertEquals(9, child.result(Duration.ofSeconds(30)));
        }
    }

    @Test
    void aTaskThatChangesAVariableInItsWorkerDoesNotChangeWhatTheNextSubmitSees() throws Exception {
        SerializableFunction<Integer, Integer> count = lambda("count");
        set("counter", 40);
        try (ProcessPool one = ProcessPool.of(1)) {
            assertEquals(List.of(41, 42, 43), one.map(count, List.of(1, 2, 3), 3));
            assertEquals(List.of(41, 42, 43), one.map(count, List.of(1, 2, 3), 3));
        }
    }

    @Test
    void manyThreadsPerWorkerNeverSeeAVariableBeforeItIsSet() throws Exception {
        SerializableFunction<Integer, String> label = lambda("label");
        set("k", 3);
        set("word", "w");
        List<Integer> items = IntStream.range(0, 64).boxed().toList();
        List<String> expected = items.stream().map(x -> "w" + x * 3).toList();
        for (int round = 0; round < 4; round++) {
            try (ProcessPool wide = ProcessPool.builder().workers(2).threadsPerWorker(8).build()) {
                assertEquals(expected, wide.map(label, items));
            }
        }
    }

    @Test
    void aVariableThatCannotTravelIsNamedAtSubmitAndTheOthersAreNotAffected() throws Exception {
        set("thread", new Thread("not serializable"));
        SerializableFunction<Integer, String> thread = lambda("thread");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.map(thread, SIX));
        assertTrue(e.getMessage().contains("cell variable thread (REPL.$JShell$21.thread)"), e.getMessage());
        assertTrue(e.getMessage().contains("java.lang.Thread is not Serializable"), e.getMessage());
        set("k", 5);
        set("word", "ok");
        SerializableFunction<Integer, String> label = lambda("label");
        assertEquals(List.of("ok5"), pool.map(label, List.of(1)), "a lambda that does not read it still runs");
    }

    @Test
    void aWorkerIsSentOnlyTheValuesThatChangedSinceItsLastTask() throws Exception {
        SerializableFunction<Integer, String> label = lambda("label");
        set("k", 1);
        set("word", "x");
        CellValues.Sent sent = new CellValues.Sent();
        Message.CellVariables first = sent.update(CellValues.capture(label, null));
        assertNotNull(first);
        assertEquals(List.of("REPL.$JShell$21.k", "REPL.$JShell$21.word"), keys(first));
        assertNull(sent.update(CellValues.capture(label, null)), "nothing changed: nothing to send");
        set("k", 2);
        assertEquals(List.of("REPL.$JShell$21.k"), keys(sent.update(CellValues.capture(label, null))));
        assertSame(CellValues.NONE, CellValues.capture((SerializableFunction<Integer, Integer>) x -> x + 1, List.of(1)),
                "a lambda that reads no cell variable captures nothing");
    }

    /** The variables a frame carries, as class.field. */
    private static List<String> keys(Message.CellVariables frame) throws Exception {
        var in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(frame.entries()));
        List<String> keys = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            keys.add(in.readUTF() + "." + in.readUTF());
            in.skipNBytes(in.readInt());
        }
        return keys;
    }
}
