package io.paralab.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The pool's decision about the tasks of a worker that ended, over every combination of its inputs, without processes. */
class TaskFateTest {

    private static final int SELF = 7;
    private static final int OTHER = 8;
    private static final Duration TIMEOUT = Duration.ofMillis(1500);

    /** Every way a worker can end, for a task with id {@link #SELF}. */
    private static List<WorkerEnd> ends() {
        List<WorkerEnd> ends = new ArrayList<>();
        for (KillReason reason : KillReason.values()) {
            for (int forTask : new int[] {SELF, OTHER, 0}) {
                ends.add(new WorkerEnd.Killed("worker-3", 4242, "was killed by the pool", reason, forTask, TIMEOUT));
            }
        }
        ends.add(new WorkerEnd.Died("worker-3", 4242, "was killed by signal 9 (SIGKILL)", Set.of()));
        ends.add(new WorkerEnd.Died("worker-3", 4242, "exited with code 1 (System.exit was called by the task)", Set.of(SELF)));
        ends.add(new WorkerEnd.Died("worker-3", 4242, "exited with code 1 (System.exit was called by the task)", Set.of(OTHER)));
        return ends;
    }

    static Stream<Arguments> everyTaskKind() {
        List<Arguments> all = new ArrayList<>();
        for (TaskState state : TaskState.values()) {
            for (Future.State future : Future.State.values()) {
                for (Placement placement : Placement.values()) {
                    for (Involvement involvement : Involvement.values()) {
                        all.add(Arguments.of(state, future, placement, involvement));
                    }
                }
            }
        }
        return all.stream();
    }

    /** Each kind of task, with no retry left or one, never requeued, once short of the limit, at it; each worker end. */
    @ParameterizedTest
    @MethodSource("everyTaskKind")
    void everyTaskAWorkerHeldGetsTheFateTheTableGives(TaskState state, Future.State future, Placement placement,
                                                      Involvement involvement) {
        for (int retriesLeft : new int[] {0, 1}) {
            for (int requeues : new int[] {0, TaskFate.MAX_REQUEUES - 1, TaskFate.MAX_REQUEUES}) {
                TaskFate.Task task = new TaskFate.Task(SELF, "task 7", state, future, placement, involvement,
                        retriesLeft, 2, requeues);
                for (WorkerEnd end : ends()) {
                    try {
                        check(task, end);
                    } catch (AssertionError e) {
                        throw new AssertionError(task + " on " + end + ": " + e.getMessage(), e);
                    }
                }
            }
        }
    }

    private static void check(TaskFate.Task task, WorkerEnd end) {
        if (task.state() == TaskState.QUEUED || task.state() == TaskState.DONE) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TaskFate.decide(task, end));
            assertTrue(e.getMessage().contains("task 7 is " + task.state()), e.getMessage());
            return;
        }
        TaskFate fate = TaskFate.decide(task, end);
        assertEquals(describe(fate), describe(TaskFate.decide(task, end)), "the same answer for the same inputs");
        if (task.future() != Future.State.RUNNING) {
            assertInstanceOf(TaskFate.Forget.class, fate, "its future is complete already");
            return;
        }
        switch (end) {
            case WorkerEnd.Killed killed when killed.reason() == KillReason.TIMEOUT && killed.forTask() == SELF -> {
                Exception e = assertInstanceOf(TaskFate.Fail.class, fate).exception();
                assertInstanceOf(TaskTimeoutException.class, e);
                assertEquals("task 7 ran longer than 1500 ms in worker-3 (pid 4242); the worker was killed and replaced",
                        e.getMessage());
            }
            case WorkerEnd.Killed killed ->
                    assertEquals(new TaskFate.Requeue(TaskFate.Count.NOTHING, task.placement()), fate,
                            "the pool killed the worker for another reason: run again, counted nowhere");
            case WorkerEnd.Died died -> {
                switch (task.involvement()) {
                    case CULPRIT -> {
                        if (task.retriesLeft() > 0) {
                            assertEquals(new TaskFate.Requeue(TaskFate.Count.RETRY, Placement.SHARED), fate);
                        } else {
                            WorkerDiedException e = assertDied(fate, WorkerDiedException.Role.CULPRIT, died);
                            assertTrue(e.getMessage().contains(" while running task 7"), e.getMessage());
                            assertTrue(e.getMessage().endsWith("(after 2 retries)"), e.getMessage());
                            assertEquals(task.placement() == Placement.ALONE, e.getMessage().contains("which ran alone on it"),
                                    e.getMessage());
                        }
                    }
                    case SUSPECT, BYSTANDER -> {
                        if (task.requeues() < TaskFate.MAX_REQUEUES) {
                            Placement next = task.involvement() == Involvement.SUSPECT ? Placement.ALONE : task.placement();
                            assertEquals(new TaskFate.Requeue(TaskFate.Count.REQUEUE, next), fate,
                                    "not its cause: run again without using a retry");
                        } else {
                            WorkerDiedException e = assertDied(fate, WorkerDiedException.Role.BYSTANDER, died);
                            assertTrue(e.getMessage().contains("it was not found to be the cause"), e.getMessage());
                            assertTrue(e.getMessage().contains((TaskFate.MAX_REQUEUES + 1) + " times"), e.getMessage());
                            assertTrue(e.getMessage().contains(task.state() == TaskState.RUNNING
                                    ? "task 7 ran beside other tasks" : "task 7 waited in its queue"), e.getMessage());
                        }
                    }
                }
            }
        }
    }

    /** A fate as text, failures by their exception's class and message (exceptions compare by identity). */
    private static String describe(TaskFate fate) {
        return fate instanceof TaskFate.Fail fail ? "Fail " + fail.exception().getClass().getName() + ": "
                + fail.exception().getMessage() : fate.toString();
    }

    private static WorkerDiedException assertDied(TaskFate fate, WorkerDiedException.Role role, WorkerEnd.Died died) {
        WorkerDiedException e = assertInstanceOf(WorkerDiedException.class, assertInstanceOf(TaskFate.Fail.class, fate).exception());
        assertEquals(role, e.role());
        assertEquals("worker-3", e.worker());
        assertEquals(4242, e.pid());
        assertEquals(died.how(), e.howItEnded());
        assertTrue(e.getMessage().startsWith("worker-3 (pid 4242) " + died.how() + " "), e.getMessage());
        return e;
    }

    static Stream<Arguments> everyPart() {
        List<Arguments> all = new ArrayList<>();
        for (Set<Integer> named : List.of(Set.<Integer>of(), Set.of(SELF), Set.of(OTHER), Set.of(SELF, OTHER))) {
            for (Placement placement : Placement.values()) {
                for (boolean mayHaveRun : new boolean[] {false, true}) {
                    for (int maybeRunning : new int[] {0, 1, 2, 4}) {
                        all.add(Arguments.of(named, placement, mayHaveRun, maybeRunning));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("everyPart")
    void aTaskIsCulpritSuspectOrBystanderAsTheWorkerAndItsPlaceSay(Set<Integer> named, Placement placement,
                                                                   boolean mayHaveRun, int maybeRunning) {
        Involvement part = Involvement.of(SELF, placement, mayHaveRun, maybeRunning, named);
        Involvement expected;
        if (!named.isEmpty()) {
            expected = named.contains(SELF) ? Involvement.CULPRIT : Involvement.BYSTANDER;   // the worker said
        } else if (!mayHaveRun) {
            expected = Involvement.BYSTANDER;                                               // it never ran
        } else if (placement == Placement.ALONE || maybeRunning == 1) {
            expected = Involvement.CULPRIT;                                                 // nothing else ran
        } else {
            expected = Involvement.SUSPECT;
        }
        assertEquals(expected, part);
    }

    @Test
    void aSuspectRunsAloneAndItsSecondDeathThereMakesItTheCulprit() {
        WorkerEnd.Died sigkill = new WorkerEnd.Died("worker-1", 10, "was killed by signal 9 (SIGKILL)", Set.of());
        Involvement first = Involvement.of(SELF, Placement.SHARED, true, 4, Set.of());
        TaskFate.Task task = new TaskFate.Task(SELF, "task 7", TaskState.RUNNING, Future.State.RUNNING, Placement.SHARED,
                first, 0, 0, 0);
        assertEquals(new TaskFate.Requeue(TaskFate.Count.REQUEUE, Placement.ALONE), TaskFate.decide(task, sigkill));

        Involvement second = Involvement.of(SELF, Placement.ALONE, true, 1, Set.of());
        TaskFate.Task alone = new TaskFate.Task(SELF, "task 7", TaskState.RUNNING, Future.State.RUNNING, Placement.ALONE,
                second, 0, 0, 1);
        WorkerDiedException e = assertInstanceOf(WorkerDiedException.class,
                assertInstanceOf(TaskFate.Fail.class, TaskFate.decide(alone, sigkill)).exception());
        assertEquals("worker-1 (pid 10) was killed by signal 9 (SIGKILL) while running task 7, which ran alone on it",
                e.getMessage());
        assertEquals(WorkerDiedException.Role.CULPRIT, e.role());
    }
}
