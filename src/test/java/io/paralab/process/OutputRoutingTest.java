package io.paralab.process;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What a child prints lands where the kernel routes the output of the thread that started it: the kernel
 * routes {@code System.out} by an inheritable "which cell" context, simulated here ({@link CellOutputs}).
 */
class OutputRoutingTest {

    @Test
    void aPoolWorkersOutputGoesToTheCellThatCreatedThePool() throws Exception {
        CellOutputs routed = CellOutputs.install();
        try {
            CellOutputs.inCell("cell-7", () -> {
                try (ProcessPool pool = ProcessPool.of(1)) {
                    assertEquals(1, pool.submit(() -> {
                        System.out.println("printed by a worker");
                        return 1;
                    }).get(30, TimeUnit.SECONDS));
                }
            });
        } finally {
            routed.uninstall();
        }
        assertEquals("printed by a worker" + System.lineSeparator(), routed.of("cell-7"));
        assertEquals("", routed.of("no cell"));
    }

    @Test
    void aTasksOutputGoesToTheCellThatSubmittedIt() throws Exception {
        CellOutputs routed = CellOutputs.install();
        AtomicReference<ProcessPool> pool = new AtomicReference<>();
        try {
            CellOutputs.inCell("cell-1", () -> pool.set(ProcessPool.of(1)));
            CellOutputs.inCell("cell-2", () -> assertEquals(1, pool.get().submit(() -> {
                System.out.println("submitted by cell 2");
                return 1;
            }).get(30, TimeUnit.SECONDS)));
            CellOutputs.inCell("cell-3", () -> assertEquals(List.of(2), pool.get().map(x -> {
                System.out.println("mapped by cell 3");
                return x * 2;
            }, List.of(1))));
        } finally {
            if (pool.get() != null) {
                pool.get().close();
            }
            routed.uninstall();
        }
        assertEquals("submitted by cell 2" + System.lineSeparator(), routed.of("cell-2"));
        assertEquals("mapped by cell 3" + System.lineSeparator(), routed.of("cell-3"));
        assertEquals("", routed.of("cell-1"));
    }

    @Test
    void aChildsOutputGoesToTheCellThatStartedIt() throws Exception {
        CellOutputs routed = CellOutputs.install();
        try {
            CellOutputs.inCell("cell-9", () -> {
                try (JvmProcess<Integer> child = JvmProcess.start(() -> {
                    System.out.println("printed by a child");
                    return 2;
                })) {
                    assertEquals(2, child.result(Duration.ofSeconds(30)));
                }
            });
        } finally {
            routed.uninstall();
        }
        assertEquals("printed by a child" + System.lineSeparator(), routed.of("cell-9"));
    }
}
