package io.paralab.process;

import java.util.List;

/**
 * Ends a process together with the processes it started: a child JVM's own children (a task's
 * {@code new ProcessBuilder("sleep", "300").start()}) go when it goes. A child JVM ends its descendants
 * itself before it exits or halts; its parent ends those it can still see when it kills the child, since a
 * killed child cannot (once it is gone, its children are re-parented and no longer its descendants).
 *
 * <pre>{@code
 * ProcessTree.killWithDescendants(process.toHandle());
 * }</pre>
 */
final class ProcessTree {

    private ProcessTree() {
    }

    /** Kills (SIGKILL) every live descendant of this process. */
    static void killDescendants() {
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    }

    /** Kills {@code process} and, after it, every descendant it had just before (SIGKILL). */
    static void killWithDescendants(ProcessHandle process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }
}
