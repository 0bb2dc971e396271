package io.paralab.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Manual speed probe for the process package's targets (not a unit test; the committed benchmark against
 * Python lives in the bench package). Prints median and spread of: 10,000 tiny tasks on a warm pool of 2
 * with chunk size 1; a child JVM's start to the first result of a lambda from an in-memory "cell" class;
 * and, as the baseline for the latter, a bare JVM printing Hello (ratios from one run are what to trust
 * on a shared machine).
 *
 * <pre>{@code
 * java -cp target/paralab.jar:<test classes as a jar> io.paralab.process.ProcessSpeedProbe [runs]
 * }</pre>
 */
public final class ProcessSpeedProbe {

    private ProcessSpeedProbe() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 21;
        System.out.println("cores: " + Runtime.getRuntime().availableProcessors());
        List<Integer> items = IntStream.range(0, 10_000).boxed().toList();
        long t0 = System.nanoTime();
        try (ProcessPool pool = ProcessPool.of(2)) {
            System.out.printf("pool of 2 ready in %.1f ms%n", (System.nanoTime() - t0) / 1e6);
            for (int i = 0; i < 30; i++) {
                pool.map(x -> x * x, items);   // warm-up: JIT in parent and workers
            }
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                long s = System.nanoTime();
                pool.map(x -> x * x, items);
                times.add((System.nanoTime() - s) / 1e6);
            }
            report("10,000 tiny tasks, 2 workers, chunk 1", times);
        }
        CellClasses cells = CellClasses.compile(Map.of("REPL.$JShell$3", """
                package REPL;
                public class $JShell$3 {
                    public static io.paralab.process.SerializableCallable<Integer> task() { return () -> 6 * 7; }
                }
                """));
        SerializableCallable<Integer> task = cells.call("REPL.$JShell$3", "task");
        List<Double> starts = new ArrayList<>();
        for (int i = 0; i < runs + 3; i++) {
            long s = System.nanoTime();
            try (JvmProcess<Integer> child = JvmProcess.start(task)) {
                child.result(Duration.ofSeconds(30));
                if (i >= 3) {
                    starts.add((System.nanoTime() - s) / 1e6);
                }
            }
        }
        report("child JVM start to first result of a cell lambda", starts);
        List<Double> hellos = new ArrayList<>();
        for (int i = 0; i < runs + 3; i++) {
            long s = System.nanoTime();
            Process hello = JavaChild.start(Hello.class).process();
            hello.getInputStream().readAllBytes();
            hello.waitFor();
            if (i >= 3) {
                hellos.add((System.nanoTime() - s) / 1e6);
            }
        }
        report("bare JVM Hello, start to exit (same machine, same moment)", hellos);
    }

    /** The baseline: a JVM that prints one line. */
    public static final class Hello {
        public static void main(String[] args) {
            System.out.println("hello");
        }
    }

    private static void report(String what, List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        double median = sorted.get(sorted.size() / 2);
        System.out.printf("%s: median %.1f ms, min %.1f, p90 %.1f, max %.1f (n=%d)%n", what, median, sorted.getFirst(),
                sorted.get((int) (sorted.size() * 0.9)), sorted.getLast(), sorted.size());
    }
}
