package io.paralab.process;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What a child prints lands where the kernel routes the output of the thread that started it: the kernel
 * routes {@code System.out} by an inheritable "which cell" context, simulated here.
 */
class OutputRoutingTest {

    private static final InheritableThreadLocal<String> CELL = new InheritableThreadLocal<>();

    /** A System.out that files every byte under the calling thread's cell. */
    private static final class CellRoutedOut extends OutputStream {
        final Map<String, ByteArrayOutputStream> byCell = new ConcurrentHashMap<>();

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            String cell = CELL.get() == null ? "no cell" : CELL.get();
            byCell.computeIfAbsent(cell, k -> new ByteArrayOutputStream()).write(b, off, len);
        }

        String of(String cell) {
            ByteArrayOutputStream bytes = byCell.get(cell);
            return bytes == null ? "" : bytes.toString();
        }
    }

    private static void inCell(String cell, StdoutCapture.Block block) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            CELL.set(cell);
            try {
                block.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        thread.start();
        thread.join(TimeUnit.SECONDS.toMillis(60));
        assertFalse(thread.isAlive(), "the cell finished");
        if (failure.get() != null) {
            fail(failure.get());
        }
    }

    @Test
    void aPoolWorkersOutputGoesToTheCellThatCreatedThePool() throws Exception {
        PrintStream original = System.out;
        CellRoutedOut routed = new CellRoutedOut();
        System.setOut(new PrintStream(routed, true));
        try {
            inCell("cell-7", () -> {
                try (ProcessPool pool = ProcessPool.of(1)) {
                    assertEquals(1, pool.submit(() -> {
                        System.out.println("printed by a worker");
                        return 1;
                    }).get(30, TimeUnit.SECONDS));
                }
            });
        } finally {
            System.setOut(original);
        }
        assertEquals("printed by a worker" + System.lineSeparator(), routed.of("cell-7"));
        assertEquals("", routed.of("no cell"));
    }

    @Test
    void aTasksOutputGoesToTheCellThatSubmittedIt() throws Exception {
        PrintStream original = System.out;
        CellRoutedOut routed = new CellRoutedOut();
        System.setOut(new PrintStream(routed, true));
        AtomicReference<ProcessPool> pool = new AtomicReference<>();
        try {
            inCell("cell-1", () -> pool.set(ProcessPool.of(1)));
            inCell("cell-2", () -> assertEquals(1, pool.get().submit(() -> {
                System.out.println("submitted by cell 2");
                return 1;
            }).get(30, TimeUnit.SECONDS)));
            inCell("cell-3", () -> assertEquals(List.of(2), pool.get().map(x -> {
                System.out.println("mapped by cell 3");
                return x * 2;
            }, List.of(1))));
        } finally {
            if (pool.get() != null) {
                pool.get().close();
            }
            System.setOut(original);
        }
        assertEquals("submitted by cell 2" + System.lineSeparator(), routed.of("cell-2"));
        assertEquals("mapped by cell 3" + System.lineSeparator(), routed.of("cell-3"));
        assertEquals("", routed.of("cell-1"));
    }

    @Test
    void aChildsOutputGoesToTheCellThatStartedIt() throws Exception {
        PrintStream original = System.out;
        CellRoutedOut routed = new CellRoutedOut();
        System.setOut(new PrintStream(routed, true));
        try {
            inCell("cell-9", () -> {
                try (JvmProcess<Integer> child = JvmProcess.start(() -> {
                    System.out.println("printed by a child");
                    return 2;
                })) {
                    assertEquals(2, child.result(Duration.ofSeconds(30)));
                }
            });
        } finally {
            System.setOut(original);
        }
        assertEquals("printed by a child" + System.lineSeparator(), routed.of("cell-9"));
    }
}
