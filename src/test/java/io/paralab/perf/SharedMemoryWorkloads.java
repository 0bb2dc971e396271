package io.paralab.perf;

import io.paralab.process.JavaChild;
import io.paralab.perf.Row.Unit;
import io.paralab.shared.SharedChild;
import io.paralab.shared.SharedLong;
import io.paralab.shared.SharedLongArray;
import io.paralab.shared.SharedQueue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Workloads 5 (shared counter: 4 processes × 100,000 {@link SharedLong} increments, exactly 400,000; and 4
 * threads × 250,000 with a lock or an {@link AtomicLong}) and 6 (queue: 100,000 ints and a sentinel from one
 * process to another through {@link SharedQueue}, and from one thread to another through a
 * {@link BlockingQueue}; count and sum checked). The processes are {@link SharedChild} JVMs, measured two ways:
 * <ul>
 *   <li><b>cold</b>: start fresh child JVMs, join them all (JVM start-up and an unwarmed JIT included, as
 *       Python's figure includes its fork);</li>
 *   <li><b>warm</b>: children started once; per round the parent opens the round and sees them done,
 *       after {@value PeerBenchmark#WARM_UP} rounds of warm-up, as a process pool's warm workers run it.</li>
 * </ul>
 *
 * <pre>{@code
 * List<Row> rows = SharedMemoryWorkloads.counter(10);
 * }</pre>
 */
final class SharedMemoryWorkloads {

    private static final int CHILDREN = 4;
    private static final int INCREMENTS = 100_000;
    private static final int THREADS = 4;
    private static final int THREAD_INCREMENTS = 250_000;
    private static final int VALUES = 100_000;
    private static final long VALUES_SUM = (long) VALUES * (VALUES - 1) / 2;
    private static final int QUEUE_CAPACITY = 1024;
    private static final long CHILD_TIMEOUT_S = 60;

    private SharedMemoryWorkloads() {
    }

    /** Workload 5. */
    static List<Row> counter(int runs) throws Exception {
        double[] cold = new double[runs];
        for (int run = -1; run < runs; run++) {
            double seconds = coldCounter(run);
            if (run >= 0) {
                cold[run] = seconds;
            }
        }
        String py = "shared_counter";
        String pyValue = "Value('i') with get_lock(), 4 procs";
        return List.of(
                new Row("5", "4 procs × 100,000 SharedLong increments, cold (JVM starts incl.)", Unit.SECONDS, cold,
                        py, pyValue, Target.fasterThanPython(20)),
                new Row("5", "4 procs × 100,000 SharedLong increments, warm children", Unit.SECONDS, warmCounter(runs),
                        py, pyValue, Target.fasterThanPython(20)),
                new Row("5", "4 threads × 250,000, ReentrantLock", Unit.SECONDS, threadCounter(runs, true), py,
                        "threading.Lock, 4 threads", Target.NONE),
                new Row("5", "4 threads × 250,000, AtomicLong", Unit.SECONDS, threadCounter(runs, false), py,
                        "threading.Lock, 4 threads", Target.NONE));
    }

    /** Workload 6. */
    static List<Row> queue(int runs) throws Exception {
        double[] cold = new double[runs];
        for (int run = -1; run < runs; run++) {
            double seconds = coldQueue(run);
            if (run >= 0) {
                cold[run] = seconds;
            }
        }
        String py = "queue_throughput";
        String pyProcesses = "multiprocessing.Queue, producer proc -> consumer proc";
        return List.of(
                new Row("6", "100,000 ints through SharedQueue, 2 procs, cold (JVM starts incl.)", Unit.SECONDS, cold,
                        py, pyProcesses, Target.fasterThanPython(5)),
                new Row("6", "100,000 ints through SharedQueue, 2 procs, warm children", Unit.SECONDS, warmQueue(runs),
                        py, pyProcesses, Target.fasterThanPython(5)),
                new Row("6", "100,000 ints through ArrayBlockingQueue(1024), 2 threads", Unit.SECONDS, threadQueue(runs),
                        py, "queue.Queue, producer thread -> consumer thread", Target.NONE));
    }

    private static String name(String what, int run) {
        return "perf-" + what + "-" + ProcessHandle.current().pid() + "-" + run;
    }

    private static double coldCounter(int run) throws Exception {
        String name = name("counter", run);
        List<JavaChild> children = new ArrayList<>();
        try (SharedLong counter = SharedLong.create(name); SharedLong ignored = SharedLong.create(name + ".ready")) {
            long start = System.nanoTime();
            try {
                for (int i = 0; i < CHILDREN; i++) {
                    children.add(JavaChild.start(SharedChild.class, "increment", name, Integer.toString(INCREMENTS),
                            Integer.toString(CHILDREN)));
                }
                for (JavaChild child : children) {
                    child.resultLine(CHILD_TIMEOUT_S);
                }
            } finally {
                closeAll(children);
            }
            long elapsed = System.nanoTime() - start;
            PeerBenchmark.check(counter.get() == (long) CHILDREN * INCREMENTS, "counted " + counter.get());
            return elapsed / 1e9;
        }
    }

    private static double coldQueue(int run) throws Exception {
        String name = name("queue", run);
        List<JavaChild> children = new ArrayList<>();
        try (SharedQueue ignored = SharedQueue.create(name, QUEUE_CAPACITY);
             SharedLong alsoIgnored = SharedLong.create(name + ".ready")) {
            long start = System.nanoTime();
            String[] consumed;
            try {
                children.add(JavaChild.start(SharedChild.class, "consume", name, "2"));
                children.add(JavaChild.start(SharedChild.class, "produce", name, "0", Integer.toString(VALUES), "2"));
                children.get(1).resultLine(CHILD_TIMEOUT_S);
                consumed = children.get(0).resultLine(CHILD_TIMEOUT_S).split(" ");
            } finally {
                closeAll(children);
            }
            long elapsed = System.nanoTime() - start;
            PeerBenchmark.check(consumed[0].equals(Integer.toString(VALUES)) && Long.parseLong(consumed[1]) == VALUES_SUM,
                    "consumed " + consumed[0] + " values summing to " + consumed[1]);
            return elapsed / 1e9;
        }
    }

    private static double[] warmCounter(int runs) throws Exception {
        String name = name("warm-counter", 0);
        int rounds = PeerBenchmark.WARM_UP + runs;
        double[] measured = new double[runs];
        List<JavaChild> children = new ArrayList<>();
        try (SharedLong counter = SharedLong.create(name);
             SharedLong go = SharedLong.create(name + ".go");
             SharedLong done = SharedLong.create(name + ".done")) {
            try {
                for (int i = 0; i < CHILDREN; i++) {
                    children.add(JavaChild.start(SharedChild.class, "incrementRounds", name,
                            Integer.toString(INCREMENTS), Integer.toString(rounds)));
                }
                for (int round = 0; round < rounds; round++) {
                    long start = System.nanoTime();
                    go.set(round + 1);
                    awaitAtLeast(done, (long) CHILDREN * (round + 1));
                    long elapsed = System.nanoTime() - start;
                    PeerBenchmark.check(counter.get() == (long) CHILDREN * INCREMENTS * (round + 1),
                            "counted " + counter.get() + " after round " + round);
                    if (round >= PeerBenchmark.WARM_UP) {
                        measured[round - PeerBenchmark.WARM_UP] = elapsed / 1e9;
                    }
                }
                for (JavaChild child : children) {
                    child.resultLine(CHILD_TIMEOUT_S);
                }
            } finally {
                closeAll(children);
            }
        }
        return measured;
    }

    private static double[] warmQueue(int runs) throws Exception {
        String name = name("warm-queue", 0);
        int rounds = PeerBenchmark.WARM_UP + runs;
        double[] measured = new double[runs];
        List<JavaChild> children = new ArrayList<>();
        try (SharedQueue ignored = SharedQueue.create(name, QUEUE_CAPACITY);
             SharedLong go = SharedLong.create(name + ".go");
             SharedLong done = SharedLong.create(name + ".done");
             SharedLongArray totals = SharedLongArray.create(name + ".totals", 2)) {
            try {
                children.add(JavaChild.start(SharedChild.class, "consumeRounds", name, Integer.toString(rounds)));
                children.add(JavaChild.start(SharedChild.class, "produceRounds", name, Integer.toString(VALUES),
                        Integer.toString(rounds)));
                for (int round = 0; round < rounds; round++) {
                    long start = System.nanoTime();
                    go.set(round + 1);
                    awaitAtLeast(done, round + 1);
                    long elapsed = System.nanoTime() - start;
                    PeerBenchmark.check(totals.get(0) == (long) VALUES * (round + 1)
                                    && totals.get(1) == VALUES_SUM * (round + 1),
                            "consumed " + totals.get(0) + " values summing to " + totals.get(1));
                    if (round >= PeerBenchmark.WARM_UP) {
                        measured[round - PeerBenchmark.WARM_UP] = elapsed / 1e9;
                    }
                }
                for (JavaChild child : children) {
                    child.resultLine(CHILD_TIMEOUT_S);
                }
            } finally {
                closeAll(children);
            }
        }
        return measured;
    }

    private static double[] threadCounter(int runs, boolean locked) throws Exception {
        double[] measured = new double[runs];
        for (int run = -PeerBenchmark.WARM_UP; run < runs; run++) {
            long[] box = new long[1];
            AtomicLong atomic = new AtomicLong();
            ReentrantLock lock = new ReentrantLock();
            Runnable work = locked ? () -> {
                for (int i = 0; i < THREAD_INCREMENTS; i++) {
                    lock.lock();
                    try {
                        box[0]++;
                    } finally {
                        lock.unlock();
                    }
                }
            } : () -> {
                for (int i = 0; i < THREAD_INCREMENTS; i++) {
                    atomic.incrementAndGet();
                }
            };
            long start = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                threads.add(Thread.ofPlatform().start(work));
            }
            for (Thread thread : threads) {
                PeerBenchmark.check(thread.join(java.time.Duration.ofSeconds(CHILD_TIMEOUT_S)), "a counter thread hangs");
            }
            long elapsed = System.nanoTime() - start;
            long total = locked ? lockedRead(lock, box) : atomic.get();
            PeerBenchmark.check(total == (long) THREADS * THREAD_INCREMENTS, "counted " + total);
            if (run >= 0) {
                measured[run] = elapsed / 1e9;
            }
        }
        return measured;
    }

    private static long lockedRead(ReentrantLock lock, long[] box) {
        lock.lock();
        try {
            return box[0];
        } finally {
            lock.unlock();
        }
    }

    private static double[] threadQueue(int runs) throws Exception {
        double[] measured = new double[runs];
        for (int run = -PeerBenchmark.WARM_UP; run < runs; run++) {
            BlockingQueue<Integer> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
            long[] consumed = new long[2];
            long start = System.nanoTime();
            Thread producer = Thread.ofPlatform().start(() -> {
                try {
                    for (int v = 0; v < VALUES; v++) {
                        queue.put(v);
                    }
                    queue.put(-1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread consumer = Thread.ofPlatform().start(() -> {
                try {
                    for (int v; (v = queue.take()) != -1; ) {
                        consumed[0]++;
                        consumed[1] += v;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            boolean joined = producer.join(java.time.Duration.ofSeconds(CHILD_TIMEOUT_S))
                    & consumer.join(java.time.Duration.ofSeconds(CHILD_TIMEOUT_S));
            long elapsed = System.nanoTime() - start;
            PeerBenchmark.check(joined, "a queue thread hangs");
            PeerBenchmark.check(consumed[0] == VALUES && consumed[1] == VALUES_SUM,
                    "consumed " + consumed[0] + " values summing to " + consumed[1]);
            if (run >= 0) {
                measured[run] = elapsed / 1e9;
            }
        }
        return measured;
    }

    private static void awaitAtLeast(SharedLong value, long target) {
        long deadline = System.nanoTime() + CHILD_TIMEOUT_S * 1_000_000_000L;
        while (value.get() < target) {
            PeerBenchmark.check(System.nanoTime() < deadline, "the children did not finish a round within 60 s");
            LockSupport.parkNanos(20_000);
        }
    }

    private static void closeAll(List<JavaChild> children) throws InterruptedException {
        for (JavaChild child : children) {
            child.close();
        }
    }
}
