package io.paralab.jupyter;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One live platform thread in a {@link ThreadTable}: its state and what it waits for. Immutable.
 *
 * <pre>{@code
 * ThreadTable.capture().row(worker.threadId())
 *         .ifPresent(r -> System.out.println(r.name() + " waits on " + r.waitingOn().orElse("nothing")));
 * }</pre>
 *
 * @param id         the thread id ({@link Thread#threadId()})
 * @param name       the thread name
 * @param state      the thread state when the snapshot was taken
 * @param deadlocked whether the thread is part of a deadlock cycle
 * @param cpuTime    CPU time used, when the JVM measures it
 * @param waitingOn  the monitor or synchronizer the thread is blocked on or waits for, e.g.
 *                   {@code "ReentrantLock$NonfairSync@1b6d3586"}
 * @param lockOwner  the thread that holds what this one waits for, e.g. {@code "worker-1 (id 31)"}
 * @param holds      the monitors and ownable synchronizers the thread holds
 * @param at         where the thread is, e.g. {@code "Downloads.fetch(Downloads.java:42)"}: the innermost frame
 *                   outside the JDK, or the innermost frame if all are the JDK's
 */
public record ThreadRow(long id, String name, Thread.State state, boolean deadlocked, Optional<Duration> cpuTime,
                        Optional<String> waitingOn, Optional<String> lockOwner, List<String> holds,
                        Optional<String> at) {

    /** Copies the list of held locks. */
    public ThreadRow {
        holds = List.copyOf(holds);
    }
}
