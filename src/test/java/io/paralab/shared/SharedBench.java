package io.paralab.shared;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures workloads 5 (shared counter: 4 processes x 100,000 increments) and 6 (queue: 100,000 values and a
 * sentinel from one process to another) of {@code ../shared/peers/WORKLOADS.md} and prints median and spread
 * beside Python's figures: {@code multiprocessing.Value} with its lock 0.38 s, {@code multiprocessing.Queue}
 * 0.47 s (2 cores, idle machine; Python's times include starting its children with fork).
 *
 * <p>Three measures of each:
 * <ul>
 *   <li><b>cold, whole</b>: start fresh child JVMs, join them all: JVM start-up and an unwarmed JIT included;</li>
 *   <li><b>cold, work</b>: the same runs from the moment every child has started, read from the children's
 *       {@code System.nanoTime()} (one clock for all processes on Linux);</li>
 *   <li><b>warm</b>: children started once; the parent opens a round, the children do the workload, the
 *       parent sees them done; {@value #WARM_UP_ROUNDS} rounds of warm-up first, as a process pool's warm
 *       workers would run it.</li>
 * </ul>
 *
 * <pre>
 * mvn -q -DskipPythonTests=true test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.paralab.shared.SharedBench 10
 * </pre>
 */
public final class SharedBench {

    private static final double PYTHON_VALUE_WITH_LOCK_S = 0.38;
    private static final double PYTHON_QUEUE_S = 0.47;
    private static final int COLD_WARM_UP = 1;
    private static final int WARM_UP_ROUNDS = 20;
    private static final int CHILDREN = 4;
    private static final int INCREMENTS = 100_000;
    private static final int VALUES = 100_000;

    private SharedBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        System.out.printf(Locale.ROOT, "cores available: %d; %d measured runs each; load average %s%n",
                Runtime.getRuntime().availableProcessors(), runs, loadAverage());
        long[][] counter = new long[2][runs];
        long[][] queue = new long[2][runs];
        for (int r = -COLD_WARM_UP; r < runs; r++) {
            long[] c = coldCounter(r);
            long[] q = coldQueue(r);
            if (r >= 0) {
                counter[0][r] = c[0];
                counter[1][r] = c[1];
                queue[0][r] = q[0];
                queue[1][r] = q[1];
            }
        }
        long[] warmCounter = warmCounter(runs);
        long[] warmQueue = warmQueue(runs);
        report("counter, cold, whole", counter[0], PYTHON_VALUE_WITH_LOCK_S);
        report("counter, cold, work ", counter[1], PYTHON_VALUE_WITH_LOCK_S);
        report("counter, warm       ", warmCounter, PYTHON_VALUE_WITH_LOCK_S);
        report("queue,   cold, whole", queue[0], PYTHON_QUEUE_S);
        report("queue,   cold, work ", queue[1], PYTHON_QUEUE_S);
        report("queue,   warm       ", warmQueue, PYTHON_QUEUE_S);
        System.out.println("load average at the end: " + loadAverage());
    }

    private static long[] coldCounter(int run) throws Exception {
        String name = "bench-counter-" + ProcessHandle.current().pid() + "-" + run;
        try (SharedLong counter = SharedLong.create(name);
             SharedLong ignored = SharedLong.create(name + ".ready");
             ChildJvms jvms = new ChildJvms()) {
            long start = System.nanoTime();
            List<Process> children = new ArrayList<>();
            for (int i = 0; i < CHILDREN; i++) {
                children.add(jvms.start("increment", name, Integer.toString(INCREMENTS), Integer.toString(CHILDREN)));
            }
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (Process child : children) {
                String[] done = ChildJvms.resultOf(child, 60).split(" ");
                first = Math.min(first, Long.parseLong(done[1]));
                last = Math.max(last, Long.parseLong(done[2]));
            }
            long whole = System.nanoTime() - start;
            check(counter.get() == (long) CHILDREN * INCREMENTS, "counted " + counter.get());
            return new long[] {whole, last - first};
        }
    }

    private static long[] coldQueue(int run) throws Exception {
        String name = "bench-queue-" + ProcessHandle.current().pid() + "-" + run;
        try (SharedQueue ignored = SharedQueue.create(name, 1024);
             SharedLong alsoIgnored = SharedLong.create(name + ".ready");
             ChildJvms jvms = new ChildJvms()) {
            long start = System.nanoTime();
            Process consumer = jvms.start("consume", name, "2");
            Process producer = jvms.start("produce", name, "0", Integer.toString(VALUES), "2");
            String[] produced = ChildJvms.resultOf(producer, 60).split(" ");
            String[] consumed = ChildJvms.resultOf(consumer, 60).split(" ");
            long whole = System.nanoTime() - start;
            check(consumed[0].equals(Integer.toString(VALUES)) && Long.parseLong(consumed[1]) == sum(VALUES),
                    "consumed " + consumed[0] + " values summing to " + consumed[1]);
            return new long[] {whole, Long.parseLong(consumed[3]) - Long.parseLong(produced[1])};
        }
    }

    private static long[] warmCounter(int runs) throws Exception {
        String name = "bench-warm-counter-" + ProcessHandle.current().pid();
        int rounds = WARM_UP_ROUNDS + runs;
        long[] measured = new long[runs];
        try (SharedLong counter = SharedLong.create(name);
             SharedLong go = SharedLong.create(name + ".go");
             SharedLong done = SharedLong.create(name + ".done");
             ChildJvms jvms = new ChildJvms()) {
            List<Process> children = new ArrayList<>();
            for (int i = 0; i < CHILDREN; i++) {
                children.add(jvms.start("incrementRounds", name, Integer.toString(INCREMENTS), Integer.toString(rounds)));
            }
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                go.set(round + 1);
                awaitAtLeast(done, (long) CHILDREN * (round + 1));
                long elapsed = System.nanoTime() - start;
                check(counter.get() == (long) CHILDREN * INCREMENTS * (round + 1), "counted " + counter.get());
                if (round >= WARM_UP_ROUNDS) {
                    measured[round - WARM_UP_ROUNDS] = elapsed;
                }
            }
            for (Process child : children) {
                ChildJvms.resultOf(child, 60);
            }
        }
        return measured;
    }

    private static long[] warmQueue(int runs) throws Exception {
        String name = "bench-warm-queue-" + ProcessHandle.current().pid();
        int rounds = WARM_UP_ROUNDS + runs;
        long[] measured = new long[runs];
        try (SharedQueue ignored = SharedQueue.create(name, 1024);
             SharedLong go = SharedLong.create(name + ".go");
             SharedLong done = SharedLong.create(name + ".done");
             SharedLongArray totals = SharedLongArray.create(name + ".totals", 2);
             ChildJvms jvms = new ChildJvms()) {
            Process consumer = jvms.start("consumeRounds", name, Integer.toString(rounds));
            Process producer = jvms.start("produceRounds", name, Integer.toString(VALUES), Integer.toString(rounds));
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                go.set(round + 1);
                awaitAtLeast(done, round + 1);
                long elapsed = System.nanoTime() - start;
                check(totals.get(0) == (long) VALUES * (round + 1) && totals.get(1) == sum(VALUES) * (round + 1),
                        "consumed " + totals.get(0) + " values summing to " + totals.get(1));
                if (round >= WARM_UP_ROUNDS) {
                    measured[round - WARM_UP_ROUNDS] = elapsed;
                }
            }
            ChildJvms.resultOf(producer, 60);
            ChildJvms.resultOf(consumer, 60);
        }
        return measured;
    }

    private static void awaitAtLeast(SharedLong value, long target) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (value.get() < target) {
            check(System.nanoTime() < deadline, "the children did not finish a round within 60 s");
            LockSupport.parkNanos(20_000);
        }
    }

    private static long sum(long n) {
        return n * (n - 1) / 2;
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            throw new AssertionError(failure);
        }
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static void report(String what, long[] nanos, double pythonSeconds) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2] / 1e9;
        System.out.printf(Locale.ROOT, "%s: median %8.4f s (min %.4f, max %.4f); Python %.2f s: %5.1fx%n",
                what, median, sorted[0] / 1e9, sorted[sorted.length - 1] / 1e9, pythonSeconds, pythonSeconds / median);
    }
}
