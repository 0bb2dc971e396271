package io.paralab.process;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

class ProcessPoolTest {

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
    void mapReturnsResultsInOrder() {
        List<Integer> items = IntStream.range(0, 1000).boxed().toList();
        List<Integer> squares = pool.map(x -> x * x, items);
        assertEquals(items.stream().map(x -> x * x).toList(), squares);
    }

    @Test
    void submitRunsInAnotherProcess() throws Exception {
        Future<Long> pid = pool.submit(() -> ProcessHandle.current().pid());
        assertNotEquals(ProcessHandle.current().pid(), pid.get());
        assertTrue(pool.workerPids().contains(pid.get()));
    }

    @Test
    void remoteExceptionKeepsItsClassAndStackTrace() {
        Future<Integer> f = pool.submit(() -> Integer.parseInt("not a number"));
        ExecutionException e = assertThrows(ExecutionException.class, f::get);
        assertInstanceOf(NumberFormatException.class, e.getCause());
        assertTrue(e.getCause().getStackTrace()[0].getClassName().startsWith("java.lang"));
    }
}
