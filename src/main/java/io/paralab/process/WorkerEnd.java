package io.paralab.process;

import java.time.Duration;
import java.util.Set;

/** How a pool worker's process ended, as {@link TaskFate#decide} needs it. */
sealed interface WorkerEnd {

    /** The worker's name, e.g. {@code "worker-2"}. */
    String worker();

    /** Its process id. */
    long pid();

    /** How it ended, e.g. {@code "was killed by signal 9 (SIGKILL)"}. */
    String how();

    /**
     * The pool killed it.
     *
     * @param forTask     the task it was killed for ({@link KillReason#CANCEL}, {@link KillReason#TIMEOUT}); 0 at shutdown
     * @param taskTimeout the pool's task timeout, for {@link KillReason#TIMEOUT}'s message; null without one
     */
    record Killed(String worker, long pid, String how, KillReason reason, int forTask, Duration taskTimeout)
            implements WorkerEnd {}

    /**
     * It ended by itself or by another hand (exit, {@link OutOfMemoryError}, a signal from outside, a crash).
     *
     * @param namedCulprits the tasks it named as the cause before it ended; empty when it named none
     */
    record Died(String worker, long pid, String how, Set<Integer> namedCulprits) implements WorkerEnd {
        public Died {
            namedCulprits = Set.copyOf(namedCulprits);
        }
    }
}
