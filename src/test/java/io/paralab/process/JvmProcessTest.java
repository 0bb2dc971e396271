package io.paralab.process;

import io.paralab.threads.CancellationScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class JvmProcessTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void runsATaskInAChildAndReturnsItsResult() throws Exception {
        try (JvmProcess<Long> child = JvmProcess.start(() -> ProcessHandle.current().pid())) {
            assertNotEquals(ProcessHandle.current().pid(), child.pid());
            assertEquals(child.pid(), child.result(WAIT));
            assertEquals(0, child.waitFor());
            assertFalse(child.isAlive());
        }
    }

    @Test
    void infoDescribesTheChild() throws Exception {
        FileSignal go = FileSignal.in(dir, "go");
        try (JvmProcess<String> child = JvmProcess.start(() -> go.await(WAIT))) {
            ProcessHandle.Info info = child.info();
            assertTrue(info.commandLine().orElse("").contains(WorkerMain.class.getName()), info.toString());
            go.fire("done");
            assertEquals("done", child.result(WAIT));
        }
    }

    @Test
    void theTasksExceptionComesBackWithItsRemoteStackTrace() {
        try (JvmProcess<Integer> child = JvmProcess.start(() -> {
            throw new UnsupportedOperationException("not here", new IllegalStateException("root"));
        })) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> child.result(WAIT));
            UnsupportedOperationException remote = assertInstanceOf(UnsupportedOperationException.class, e.getCause());
            assertEquals("not here", remote.getMessage());
            assertEquals("root", remote.getCause().getMessage());
            assertTrue(remote.getStackTrace().length > 0);
        }
    }

    @Test
    void whatTheChildPrintsReachesThisJvmsStdoutBeforeTheResult() throws Exception {
        String printed = StdoutCapture.of(() -> {
            try (JvmProcess<Integer> child = JvmProcess.start(() -> {
                System.out.println("hello from " + "the child");
                return 1;
            })) {
                assertEquals(1, child.result(WAIT));
            }
        });
        assertEquals("hello from the child" + System.lineSeparator(), printed);
    }

    @Test
    void aPipeTalksBothWaysWhileTheChildRuns() throws Exception {
        try (JvmProcess<Integer> child = JvmProcess.start((Pipe pipe) -> {
            int sum = 0;
            for (Object o; !"end".equals(o = pipe.receive()); ) {
                sum += (Integer) o;
                pipe.send("got " + o);
            }
            return sum;
        })) {
            Pipe pipe = child.pipe();
            for (int i = 1; i <= 3; i++) {
                pipe.send(i);
                assertEquals(Optional.of("got " + i), pipe.receive(WAIT));
            }
            pipe.send("end");
            assertEquals(6, child.result(WAIT));
        }
    }

    @Test
    void aPipeWhoseOtherEndEndedSaysSo() throws Exception {
        try (JvmProcess<Integer> child = JvmProcess.start(() -> 1)) {
            child.onExit().get(30, TimeUnit.SECONDS);
            assertThrows(Pipe.PipeClosedException.class, () -> child.pipe().receive());
        }
    }

    @Test
    void killEndsTheChildAndTheResultSaysSo() throws Exception {
        FileSignal never = FileSignal.in(dir, "never");
        try (JvmProcess<String> child = JvmProcess.start(() -> never.await(Duration.ofMinutes(5)))) {
            child.kill();
            ExecutionException e = assertThrows(ExecutionException.class, () -> child.result(WAIT));
            WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, e.getCause());
            assertEquals(child.pid(), died.pid());
            assertTrue(died.getMessage().contains("JvmProcess.kill()"), died.getMessage());
        }
    }

    @Test
    void aCancelledScopeKillsItsChild() throws Exception {
        FileSignal never = FileSignal.in(dir, "never");
        CancellationScope scope = new CancellationScope("cell");
        JvmProcess<String> child;
        try (CancellationScope.Binding ignored = scope.enter()) {
            child = JvmProcess.start(() -> never.await(Duration.ofMinutes(5)));
        }
        try (child) {
            assertEquals(1, scope.openRegistrations());
            scope.cancel();
            child.onExit().get(30, TimeUnit.SECONDS);
            assertFalse(child.isAlive());
            assertThrows(ExecutionException.class, () -> child.result(WAIT));
        }
    }

    @Test
    void aChildThatCannotStartSaysHow() {
        JvmProcess<Integer> child = JvmProcess.builder().jvmOptions("-Xmx1k").start(() -> 1);
        try (child) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> child.result(WAIT));
            assertTrue(e.getCause().getMessage().contains("exited with code 1"), e.getCause().getMessage());
        }
    }

    @Test
    void aPoolWhoseWorkersCannotStartFailsToBuild() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> ProcessPool.builder().workers(1).jvmOptions("-Xmx1k").build());
        assertTrue(e.getMessage().contains("exited with code 1"), e.getMessage());
    }

    @Test
    void anUnserializableTaskIsRejectedBeforeAnyProcessStarts() {
        Object notSerializable = new Object();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JvmProcess.start(() -> notSerializable.hashCode()));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
    }
}
