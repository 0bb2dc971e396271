package io.paralab.jupyter;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseNotebookStatics;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

import java.util.List;

/**
 * The {@code %threads} line magic: the kernel JVM's live platform threads with their states, the lock each
 * is blocked on and who holds it, and deadlocks.
 *
 * <pre>{@code
 * %threads
 * }</pre>
 */
public final class ThreadsMagic implements LineMagic<ThreadTable, BaseKernel> {

    /** The name the magic is registered under. */
    public static final String NAME = "threads";

    /**
     * Shows the table in the running cell and returns it. JJava discards the value of a line magic that stands
     * alone on its line, so the magic displays the table itself; {@code var t = %threads} also keeps it.
     */
    @Override
    public ThreadTable eval(BaseKernel kernel, List<String> args) {
        ThreadTable table = run(args);
        BaseNotebookStatics.display(table);
        return table;
    }

    /**
     * Takes the snapshot without showing it.
     *
     * @param args must be empty
     * @throws IllegalArgumentException naming the first argument, since the magic takes none
     */
    public ThreadTable run(List<String> args) {
        if (!args.isEmpty()) {
            String arg = args.get(0);
            String what = arg.startsWith("-") ? "unknown option" : "unexpected argument";
            throw new IllegalArgumentException(what + " '" + arg + "'; %threads takes no arguments");
        }
        return ThreadTable.capture();
    }
}
