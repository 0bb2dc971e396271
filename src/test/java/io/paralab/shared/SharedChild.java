package io.paralab.shared;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * The main class of the child JVMs the shared-memory tests start. Each mode opens regions by name, does its
 * part and prints one result line; a failure exits with a non-zero code and a stack trace on stderr.
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
            case "produce" -> produce(args[1], Long.parseLong(args[2]), Long.parseLong(args[3]));
            case "consume" -> consume(args[1]);
            case "createArray" -> createArray(args[1], Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
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
            for (int i = 0; i < times; i++) {
                counter.incrementAndGet();
            }
        }
        System.out.println("done");
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

    private static void produce(String name, long from, long count) throws InterruptedException {
        try (SharedQueue queue = SharedQueue.open(name)) {
            for (long v = from; v < from + count; v++) {
                queue.put(v);
            }
            queue.put(-1);
        }
        System.out.println("done");
    }

    private static void consume(String name) throws InterruptedException {
        long count = 0;
        long sum = 0;
        try (SharedQueue queue = SharedQueue.open(name)) {
            while (true) {
                OptionalLong value = queue.poll(GATE_TIMEOUT);
                if (value.isEmpty()) {
                    throw new IllegalStateException("nothing came for " + GATE_TIMEOUT + " after " + count + " values");
                }
                if (value.getAsLong() == -1) {
                    break;
                }
                count++;
                sum += value.getAsLong();
            }
        }
        System.out.println(count + " " + sum);
    }

    private static void createArray(String name, int length) {
        try (SharedLongArray array = SharedLongArray.create(name, length)) {
            System.out.println("created " + array.length());
        } catch (SharedMemoryException e) {
            System.out.println(e.reason() + " " + e.getMessage());
        }
    }
}
