package io.paralab.perf;

import io.paralab.process.JavaChild;
import io.paralab.bench.Bench;
import io.paralab.bench.Measurement;
import io.paralab.perf.Row.Unit;
import io.paralab.process.JvmProcess;
import io.paralab.process.ProcessPool;
import io.paralab.process.SerializableCallable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Workloads 1, 1b and 2 of src/test/perf/WORKLOADS.md: tiny tasks through a warm process pool, a pool's start to its
 * first result and its shutdown, and a child JVM's start to the result of a cell-style lambda (with a bare
 * JVM {@code Hello} as the floor that explains it).
 *
 * <pre>{@code
 * List<Row> rows = PoolWorkloads.tinyTasks(10);
 * }</pre>
 */
final class PoolWorkloads {

    private static final int ITEMS = 10_000;
    private static final long SUM_OF_SQUARES = 333_283_335_000L;
    private static final String PY = "process_pool_tiny_tasks";

    private PoolWorkloads() {
    }

    /** Workload 1: {@code x -> (long) x * x} over 10,000 items on a warm pool of 2, chunk 1 and 100. */
    static List<Row> tinyTasks(int runs) {
        List<Integer> items = IntStream.range(0, ITEMS).boxed().toList();
        List<Row> rows = new ArrayList<>();
        try (ProcessPool pool = ProcessPool.of(2)) {
            for (int chunk : new int[] {1, 100}) {
                Measurement m = Bench.measure("map chunk " + chunk, PeerBenchmark.WARM_UP, runs, () -> {
                    List<Long> squares = pool.map(x -> (long) x * x, items, chunk);
                    long sum = squares.stream().mapToLong(Long::longValue).sum();
                    PeerBenchmark.check(squares.size() == ITEMS && sum == SUM_OF_SQUARES, "map summed to " + sum);
                    return sum;
                });
                rows.add(new Row("1", "ProcessPool(2).map, chunk " + chunk, Unit.SECONDS, Row.seconds(m.samplesNanos()),
                        PY, "Pool.map chunksize=" + chunk,
                        chunk == 1 ? Target.atMost(0.075, "≤ 75 ms (≥ 3× Pool.map)") : Target.NONE));
            }
        }
        return rows;
    }

    /** Workload 1b: pool constructor to the first trivial result, then close() (shutdown and wait). */
    static List<Row> poolStartAndShutdown(int runs) throws Exception {
        double[] startup = new double[runs];
        double[] shutdown = new double[runs];
        for (int run = -2; run < runs; run++) {
            long start = System.nanoTime();
            ProcessPool pool = ProcessPool.of(2);
            long started;
            try {
                PeerBenchmark.check(pool.submit((SerializableCallable<Integer>) () -> 1).get() == 1, "no result");
                started = System.nanoTime();
            } finally {
                pool.close();
            }
            long closed = System.nanoTime();
            if (run >= 0) {
                startup[run] = (started - start) / 1e9;
                shutdown[run] = (closed - started) / 1e9;
            }
        }
        return List.of(
                new Row("1b", "ProcessPool.of(2) → first trivial result", Unit.SECONDS, startup, PY,
                        "Pool(2) startup [spawn]", Target.NONE),
                new Row("1b", "ProcessPool close() (shutdown + wait)", Unit.SECONDS, shutdown, PY,
                        "Pool(2) shutdown [spawn]", Target.NONE));
    }

    /**
     * Workload 2: start a child JVM, get the result of a cell-style lambda (the target's region), then wait for
     * its exit (Python's region, which joins); and a bare JVM printing Hello, start to exit, as the floor (JVM
     * start-up alone).
     */
    static List<Row> childStart(int runs) throws Exception {
        SerializableCallable<Integer> task = CellStyleLambda.sixTimesSeven();
        double[] toResult = new double[runs];
        double[] toExit = new double[runs];
        for (int run = -3; run < runs; run++) {
            long start = System.nanoTime();
            try (JvmProcess<Integer> process = JvmProcess.start(task)) {
                int result = process.result(Duration.ofSeconds(60));
                long answered = System.nanoTime();
                PeerBenchmark.check(result == 42, "the child answered " + result);
                PeerBenchmark.check(process.waitFor() == 0, "the child did not exit with 0");
                if (run >= 0) {
                    toResult[run] = (answered - start) / 1e9;
                    toExit[run] = (System.nanoTime() - start) / 1e9;
                }
            }
        }
        Measurement hello = Bench.measure("bare JVM", 3, runs, () -> {
            try (JavaChild bare = JavaChild.start(Hello.class)) {
                String line = bare.resultLine(60);
                PeerBenchmark.check(line.equals("hello"), "the bare JVM printed " + line);
                return line;
            }
        });
        return List.of(
                new Row("2", "JvmProcess.start(cell lambda) → result", Unit.SECONDS, toResult, null, null,
                        Target.atMost(0.100, "≤ 100 ms")),
                new Row("2", "JvmProcess.start(cell lambda) → result → exit", Unit.SECONDS, toExit,
                        "process_spawn", "Process start+Pipe result+join [spawn]", Target.NONE),
                new Row("2", "floor: bare `java Hello`, start → exit", Unit.SECONDS, Row.seconds(hello.samplesNanos()),
                        "process_spawn", "subprocess.run([sys.executable,'-c','pass'])", Target.NONE));
    }

    /** The bare JVM of the floor measurement: prints one line. */
    public static final class Hello {
        public static void main(String[] args) {
            System.out.println("hello");
        }
    }
}
