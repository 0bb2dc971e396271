package io.paralab.jupyter;

import java.util.List;

/**
 * The {@code %threads} line magic: the kernel JVM's live platform threads with their states, the lock each
 * is blocked on and who holds it, and deadlocks.
 *
 * <pre>{@code
 * %threads
 * }</pre>
 */
public final class ThreadsMagic implements TableMagic<ThreadTable> {

    /** The name the magic is registered under. */
    public static final String NAME = "threads";

    /** The magic, as the extension registers it. */
    public ThreadsMagic() {
    }

    /**
     * Takes the snapshot without showing it.
     *
     * @param args must be empty
     * @throws IllegalArgumentException naming the first argument, since the magic takes none
     */
    @Override
    public ThreadTable run(List<String> args) {
        if (!args.isEmpty()) {
            throw TableMagic.badArgument(args.get(0), "%threads takes no arguments");
        }
        return ThreadTable.capture();
    }
}
