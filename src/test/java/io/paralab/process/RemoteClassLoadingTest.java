package io.paralab.process;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Classes that exist only in this JVM's memory — as notebook cells' classes do, in JShell's package
 * {@code REPL} with wrapper names like {@code $JShell$12} — reach the workers on demand.
 */
class RemoteClassLoadingTest {

    /** A cell that defines a record, and a later cell whose lambda uses it (captured by its wrapper class). */
    private static final Map<String, String> CELLS = Map.of(
            "REPL.$JShell$12", """
                    package REPL;
                    public class $JShell$12 {
                        public record Point(int x, int y) implements java.io.Serializable {}
                    }
                    """,
            "REPL.$JShell$15", """
                    package REPL;
                    import REPL.$JShell$12.Point;
                    import io.paralab.process.SerializableFunction;
                    import io.paralab.process.SerializableCallable;
                    import java.util.List;
                    public class $JShell$15 {
                        public static SerializableFunction<Point, Integer> area() { return p -> p.x() * p.y(); }
                        public static SerializableFunction<Point, Point> mirror() { return p -> new Point(p.y(), p.x()); }
                        public static List<Point> points() { return List.of(new Point(2, 3), new Point(4, 5)); }
                        public static SerializableCallable<String> where() {
                            return () -> new Point(1, 2).getClass().getClassLoader().getName();
                        }
                        public static void main(String[] args) {
                            System.out.println("main in a child: " + new Point(Integer.parseInt(args[0]), 0));
                            if (args.length > 1) {
                                System.out.flush();
                                System.exit(Integer.parseInt(args[1]));
                            }
                        }
                    }
                    """);

    private static ProcessPool pool;

    @BeforeAll
    static void startPool() {
        pool = ProcessPool.of(2);
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @Test
    void aCellDefinedRecordAndLambdaRunInTheWorkers() throws Exception {
        CellClasses cells = CellClasses.compile(CELLS);
        SerializableFunction<Object, Integer> area = cells.call("REPL.$JShell$15", "area");
        List<Object> points = cells.call("REPL.$JShell$15", "points");
        assertEquals(List.of(6, 20), pool.map(area, points));
    }

    @Test
    void cellDefinedObjectsComeBack() throws Exception {
        CellClasses cells = CellClasses.compile(CELLS);
        SerializableFunction<Object, Object> mirror = cells.call("REPL.$JShell$15", "mirror");
        List<Object> points = cells.call("REPL.$JShell$15", "points");
        List<Object> mirrored = pool.map(mirror, points);
        assertEquals("[Point[x=3, y=2], Point[x=5, y=4]]", mirrored.toString());
        assertSame(cells, mirrored.getFirst().getClass().getClassLoader());
    }

    @Test
    void theWorkerLoadsCellClassesWithItsRemoteLoader() throws Exception {
        CellClasses cells = CellClasses.compile(CELLS);
        SerializableCallable<String> where = cells.call("REPL.$JShell$15", "where");
        assertEquals("paralab-remote", pool.submit(where).get(30, TimeUnit.SECONDS));
    }

    @Test
    void aClassTheWorkerCannotLoadIsNamedWithTheReason() throws Exception {
        CellClasses hidden = CellClasses.compile(CELLS, CellClasses.Bytes.NOWHERE);
        SerializableFunction<Object, Integer> area = hidden.call("REPL.$JShell$15", "area");
        List<Object> points = hidden.call("REPL.$JShell$15", "points");
        // a pool of its own: the shared pool knows other loaders that do serve these class names
        try (ProcessPool own = ProcessPool.of(1)) {
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> own.map(area, points));
            ClassNotFoundException cause = assertInstanceOf(ClassNotFoundException.class, e.getCause(), e::toString);
            assertTrue(cause.getMessage().contains("REPL.$JShell$15"), cause.getMessage());
            assertTrue(cause.getMessage().contains("has no bytes for it"), cause.getMessage());
            assertEquals(List.of(2), own.map(x -> x * 2, List.of(1)), "the pool stays usable");
        }
    }

    @Test
    void classesKeptOnlyInALoadersMapReachTheWorkersAsStockJJavasDo() throws Exception {
        CellClasses cells = CellClasses.compile(CELLS, CellClasses.Bytes.IN_A_MAP_ONLY);
        assertNull(cells.getResourceAsStream("REPL/$JShell$15.class"), "the loader does not serve them");
        SerializableFunction<Object, Integer> area = cells.call("REPL.$JShell$15", "area");
        List<Object> points = cells.call("REPL.$JShell$15", "points");
        try (ProcessPool own = ProcessPool.of(1)) {
            assertEquals(List.of(6, 20), own.map(area, points));
        }
        SerializableCallable<String> where = cells.call("REPL.$JShell$15", "where");
        try (JvmProcess<String> child = JvmProcess.start(where)) {
            assertEquals("paralab-remote", child.result(Duration.ofSeconds(30)));
        }
    }

    @Test
    void aCellDefinedMainClassRunsInAChildJvm() throws Exception {
        CellClasses cells = CellClasses.compile(CELLS);
        Class<?> main = cells.loadClass("REPL.$JShell$15");
        String printed = StdoutCapture.of(() -> {
            try (JvmProcess<Void> child = JvmProcess.startMain(main, "7")) {
                assertNull(child.result(Duration.ofSeconds(30)));
            }
        });
        assertEquals("main in a child: Point[x=7, y=0]" + System.lineSeparator(), printed);
    }

    @Test
    void aMainClassExitingWithZeroEndsNormallyAndWithOtherCodesFails() throws Exception {
        CellClasses cells = CellClasses.compile(CELLS);
        Class<?> main = cells.loadClass("REPL.$JShell$15");
        StdoutCapture.of(() -> {
            try (JvmProcess<Void> ok = JvmProcess.startMain(main, "1", "0");
                 JvmProcess<Void> failing = JvmProcess.startMain(main, "1", "4")) {
                assertNull(ok.result(Duration.ofSeconds(30)));
                ExecutionException e = assertThrows(ExecutionException.class, () -> failing.result(Duration.ofSeconds(30)));
                assertTrue(e.getCause().getMessage().contains("exited with code 4"), e.getCause().getMessage());
            }
        });
    }

    @Test
    void aCellDefinedLambdaRunsInAJvmProcess() throws Exception {
        CellClasses cells = CellClasses.compile(CELLS);
        SerializableCallable<String> where = cells.call("REPL.$JShell$15", "where");
        try (JvmProcess<String> child = JvmProcess.start(where)) {
            assertEquals("paralab-remote", child.result(Duration.ofSeconds(30)));
        } catch (ExecutionException e) {
            fail(e);
        }
    }
}
