package io.paralab.kernel.launch;

import java.util.Map;
import java.util.Optional;

/**
 * The process whose end ends the kernel, as ipykernel's parent poller watches it: the front end named by
 * {@code JPY_PARENT_PID} (jupyter_client sets it to its own pid when it starts a kernel), else the process that
 * started the kernel. When the front end is killed, no {@code shutdown_request} ever comes; without this watch the
 * kernel, and the pool workers it started, would live on as orphans.
 *
 * <pre>{@code
 * ParentWatch.parent(System.getenv()).ifPresent(parent ->
 *         parent.onExit().thenRun(() -> connection.shutDown("the front end is gone")));
 * }</pre>
 */
final class ParentWatch {

    /** The environment variable jupyter_client sets to the pid of the process that starts the kernel. */
    static final String PARENT_PID = "JPY_PARENT_PID";

    private ParentWatch() {
    }

    /**
     * The process to watch: {@code JPY_PARENT_PID} when it names a live process, else this process's parent; empty
     * when neither is known (then nothing is watched).
     */
    static Optional<ProcessHandle> parent(Map<String, String> environment) {
        String named = environment.get(PARENT_PID);
        if (named != null) {
            try {
                Optional<ProcessHandle> front = ProcessHandle.of(Long.parseLong(named.strip()));
                if (front.isPresent()) {
                    return front;
                }
            } catch (NumberFormatException ignored) {
                // not a pid: watch the parent instead
            }
        }
        return ProcessHandle.current().parent();
    }
}
