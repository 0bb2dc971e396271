package io.paralab.shared;

import java.time.Duration;

/**
 * The main class of the child JVMs the shared-memory tests and {@code io.paralab.perf.PeerBenchmark} start.
 * Each mode opens regions by name, does its part and prints one result line, ending with the
 * {@link System#nanoTime()} when its work began and ended (one clock for all processes on Linux); a failure
 * exits with a non-zero code and a stack trace on stderr.
 */
public final class SharedChild {

    private static final Duration GATE_TIMEOUT = Duration.ofSeconds(60);

    private SharedChild() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "increment" -> increment(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "lockedIncrement" -> lockedIncrement(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "hold" -> hold(args[1]);
            case "produce" -> produce(args[1], Long.parseLong(args[2]), Long.parseLong(args[3]), parties(args, 4));
            case "consume" -> consume(args[1], parties(args, 2));
            case "incrementRounds" -> incrementRounds(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "produceRounds" -> produceRounds(args[1], Long.parseLong(args[2]), Integer.parseInt(args[3]));
            case "consumeRounds" -> consumeRounds(args[1], Integer.parseInt(args[2]));
            case "produceText" -> produceText(args[1], Integer.parseInt(args[2]));
            case "createAndWait" -> createAndWait(args[1]);
            case "createAndExit" -> createAndExit(args[1], args[2]);
            case "openAndRead" -> openAndRead(args[1]);
            case "createArray" -> createArray(args[1], Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    /** The optional party count at {@code index}: how many children meet at the gate; 0 for no gate. */
    private static int parties(String[] args, int index) {
        return args.length > index ? Integer.parseInt(args[index]) : 0;
    }

    /** Waits until all {@code parties} children opened the regions, so that they run at the same time. */
    private static void gate(String name, int parties) throws InterruptedException {
        try (SharedLong ready = SharedLong.open(name + ".ready")) {
            ready.incrementAndGet();
            long deadline = System.nanoTime() + GATE_TIMEOUT.toNanos();
            while (ready.get() < parties) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + ready.get() + " of " + parties + " children came");
                }
                Thread.sleep(1);
            }
        }
    }

    private static void increment(String name, int times, int parties) throws InterruptedException {
        try (SharedLong counter = SharedLong.open(name)) {
            gate(name, parties);
            long start = System.nanoTime();
            for (int i = 0; i < times; i++) {
                counter.incrementAndGet();
            }
            System.out.println("done " + start + " " + System.nanoTime());
        }
    }

    /** A read-modify-write that is only exact under mutual exclusion. */
    private static void lockedIncrement(String name, int times, int parties) throws InterruptedException {
        try (SharedLock lock = SharedLock.open(name); SharedLongArray cell = SharedLongArray.open(name + ".cell")) {
            gate(name, parties);
            for (int i = 0; i < times; i++) {
                try (SharedLock.Held held = lock.hold()) {
                    long value = cell.get(0);
                    Thread.onSpinWait();
                    cell.set(0, value + 1);
                }
            }
        }
        System.out.println("done");
    }

    private static void hold(String name) throws InterruptedException {
        SharedLock lock = SharedLock.open(name);
        lock.lockInterruptibly();
        System.out.println("held by " + ProcessHandle.current().pid());
        Thread.sleep(Long.MAX_VALUE);   // until killed
    }

    /** Puts {@code count} values from {@code from} on, then the sentinel -1. */
    private static void produce(String name, long from, long count, int parties) throws InterruptedException {
        try (SharedQueue queue = SharedQueue.open(name)) {
            if (parties > 0) {
                gate(name, parties);
            }
            long start = System.nanoTime();
            for (long v = from; v < from + count; v++) {
                queue.put(v);
            }
            queue.put(-1);
            System.out.println("done " + start + " " + System.nanoTime());
        }
    }

    /** Takes values up to the first sentinel -1; prints how many and their sum. */
    private static void consume(String name, int parties) throws InterruptedException {
        long count = 0;
        long sum = 0;
        try (SharedQueue queue = SharedQueue.open(name)) {
            if (parties > 0) {
                gate(name, parties);
            }
            long start = System.nanoTime();
            for (long value; (value = queue.take()) != -1; ) {
                count++;
                sum += value;
            }
            System.out.println(count + " " + sum + " " + start + " " + System.nanoTime());
        }
    }

    /**
     * Waits until the parent sets {@code name.go} above {@code round} (polling, as a benchmark should not
     * burn the cores its workload needs), then returns.
     */
    private static void awaitRound(SharedLong go, int round) throws InterruptedException {
        long deadline = System.nanoTime() + GATE_TIMEOUT.toNanos();
        while (go.get() <= round) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("round " + round + " never started");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** Benchmark rounds of workload 5 in a warm JVM: per round, {@code times} increments, then {@code name.done}++. */
    private static void incrementRounds(String name, int times, int rounds) throws InterruptedException {
        try (SharedLong counter = SharedLong.open(name);
             SharedLong go = SharedLong.open(name + ".go");
             SharedLong done = SharedLong.open(name + ".done")) {
            for (int round = 0; round < rounds; round++) {
                awaitRound(go, round);
                for (int i = 0; i < times; i++) {
                    counter.incrementAndGet();
                }
                done.incrementAndGet();
            }
        }
        System.out.println("done");
    }

    /** Benchmark rounds of workload 6 in a warm JVM: per round, {@code count} values, then the sentinel -1. */
    private static void produceRounds(String name, long count, int rounds) throws InterruptedException {
        try (SharedQueue queue = SharedQueue.open(name); SharedLong go = SharedLong.open(name + ".go")) {
            for (int round = 0; round < rounds; round++) {
                awaitRound(go, round);
                for (long v = 0; v < count; v++) {
                    queue.put(v);
                }
                queue.put(-1);
            }
        }
        System.out.println("done");
    }

    /** Benchmark rounds of workload 6: takes up to each sentinel, adds count and sum to the shared totals. */
    private static void consumeRounds(String name, int rounds) throws InterruptedException {
        try (SharedQueue queue = SharedQueue.open(name);
             SharedLongArray totals = SharedLongArray.open(name + ".totals");
             SharedLong done = SharedLong.open(name + ".done")) {
            for (int round = 0; round < rounds; round++) {
                long count = 0;
                long sum = 0;
                for (long value; (value = queue.take()) != -1; ) {
                    count++;
                    sum += value;
                }
                totals.addAndGet(0, count);
                totals.addAndGet(1, sum);
                done.incrementAndGet();
            }
        }
        System.out.println("done");
    }

    /** Puts {@code count} UTF-8 messages "message i" of growing length, then an empty one. */
    private static void produceText(String name, int count) throws InterruptedException {
        try (SharedByteQueue queue = SharedByteQueue.open(name)) {
            for (int i = 0; i < count; i++) {
                queue.put(SharedQueueTest.textMessage(i));
            }
            queue.put(new byte[0]);
        }
        System.out.println("done");
    }

    /** Creates a shared long and waits to be killed, leaving its file behind. */
    private static void createAndWait(String name) throws InterruptedException {
        SharedLong.create(name);
        System.out.println("created by " + ProcessHandle.current().pid());
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Creates a SharedLong holding 42, kept after exit or not ({@code keep}/{@code leave}), and exits without closing it. */
    private static void createAndExit(String name, String keep) {
        SharedLong created = SharedLong.create(name);
        created.set(42);
        if (keep.equals("keep")) {
            created.keepAfterExit();
        }
        System.out.println("created by " + ProcessHandle.current().pid());
    }

    /** Prints the value of an existing SharedLong. */
    private static void openAndRead(String name) {
        try (SharedLong opened = SharedLong.open(name)) {
            System.out.println("read " + opened.get());
        }
    }

    private static void createArray(String name, int length) {
        try (SharedLongArray array = SharedLongArray.create(name, length)) {
            System.out.println("created " + array.length());
        } catch (SharedMemoryException e) {
            System.out.println(e.reason() + " " + e.getMessage());
        }
    }
}
