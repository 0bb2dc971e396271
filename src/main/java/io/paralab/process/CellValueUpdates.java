package io.paralab.process;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A worker's cell-variable updates ({@link Message.CellVariables}) in arrival order. The reader thread
 * {@linkplain #add adds} them and notes, for each task it receives, how many had arrived before it; the
 * task's thread {@linkplain #applyUpTo applies} those before the task runs — one thread at a time, so no
 * task runs while a variable it reads is still being set, and a task never sees an update sent after it.
 *
 * <pre>{@code
 * updates.add(frame.entries());                 // reader thread
 * int before = updates.received();              // reader thread, when a task arrives
 * updates.applyUpTo(before, loader);            // task thread, before the task runs
 * }</pre>
 */
final class CellValueUpdates {

    private final Map<Integer, byte[]> pending = new ConcurrentHashMap<>();
    private final Object applyLock = new Object();
    private volatile int received;
    private volatile int applied;
    private IllegalStateException failure;

    /** Called by the one thread that reads the channel. */
    void add(byte[] entries) {
        pending.put(received, entries);
        received = received + 1;
    }

    /** How many updates arrived so far. */
    int received() {
        return received;
    }

    /**
     * Applies the first {@code count} updates not yet applied; may load cell classes (so never call it on
     * the thread that delivers class bytes).
     *
     * @throws IllegalStateException naming a cell variable that could not be set here (also on later calls:
     *                               a task in this worker would otherwise see a value from before)
     */
    void applyUpTo(int count, ClassLoader loader) {
        if (applied >= count && failure == null) {
            return;
        }
        synchronized (applyLock) {
            while (applied < count) {
                byte[] entries = pending.remove(applied);
                try {
                    CellValues.apply(entries, loader);
                } catch (IllegalStateException e) {
                    failure = e;
                }
                applied = applied + 1;     // only now may other tasks pass without the lock
            }
            if (failure != null) {
                throw new IllegalStateException(failure.getMessage(), failure);
            }
        }
    }
}
