package io.paralab.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Ends a process together with the processes it started: a child JVM's own children (a task's
 * {@code new ProcessBuilder("sleep", "300").start()}) go when it goes. A child JVM ends its descendants
 * itself before it exits or halts; its parent ends those it can still see when it kills the child, since a
 * killed child cannot. A child that ended without doing so (SIGKILL from elsewhere, {@code Runtime.halt}, a
 * crash) leaves its children re-parented, no longer its descendants: its parent finds them by the
 * {@linkplain #TAG_VARIABLE tag} every child JVM carries in its environment and passes on to what it starts
 * (on Linux, where a process's environment can be read; a process that clears its environment escapes).
 *
 * <pre>{@code
 * ProcessTree.killWithDescendants(process.toHandle());
 * ProcessTree.killTagged(tag);
 * }</pre>
 */
final class ProcessTree {

    /** The environment variable that tags a child JVM and every process it starts. */
    static final String TAG_VARIABLE = "PARALAB_CHILD_OF";

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

    /**
     * Kills (SIGKILL) every process whose environment holds {@code TAG_VARIABLE=tag}: what an ended child JVM
     * started, wherever it was re-parented. Does nothing where {@code /proc/<pid>/environ} does not exist.
     */
    static void killTagged(String tag) {
        byte[] wanted = (TAG_VARIABLE + "=" + tag).getBytes(StandardCharsets.UTF_8);
        ProcessHandle.allProcesses().forEach(process -> {
            try {
                byte[] environment = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "environ"));
                if (holdsEntry(environment, wanted)) {
                    process.destroyForcibly();
                }
            } catch (IOException | SecurityException e) {
                // gone already, not ours to read, or no /proc here
            }
        });
    }

    /** Whether a NUL-separated environment block holds {@code entry} as one whole entry. */
    static boolean holdsEntry(byte[] environment, byte[] entry) {
        int start = 0;
        for (int i = 0; i <= environment.length; i++) {
            if (i == environment.length || environment[i] == 0) {
                if (i - start == entry.length && java.util.Arrays.equals(environment, start, i, entry, 0, entry.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }
}
