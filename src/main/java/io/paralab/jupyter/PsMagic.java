package io.paralab.jupyter;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseNotebookStatics;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

import java.util.List;

/**
 * The {@code %ps} line magic: the kernel's process tree — the kernel JVM and every child process, such as
 * a process pool's workers — with pid, command, state, CPU time, resident memory and threads.
 * {@code %ps --all} lists every process of the kernel's user instead.
 *
 * <pre>{@code
 * %ps
 * %ps --all
 * }</pre>
 */
public final class PsMagic implements LineMagic<ProcessTable, BaseKernel> {

    /** The name the magic is registered under. */
    public static final String NAME = "ps";

    private static final String USAGE = "%ps takes [--all]";

    /**
     * Shows the table in the running cell and returns it. JJava discards the value of a line magic that stands
     * alone on its line, so the magic displays the table itself; {@code var t = %ps} also keeps it.
     */
    @Override
    public ProcessTable eval(BaseKernel kernel, List<String> args) {
        ProcessTable table = run(args);
        BaseNotebookStatics.display(table);
        return table;
    }

    /**
     * Takes the snapshot without showing it.
     *
     * @param args {@code []} or {@code ["--all"]}
     * @throws IllegalArgumentException naming the first argument it does not know, or a repeated one
     */
    public ProcessTable run(List<String> args) {
        boolean all = false;
        for (String arg : args) {
            if (!arg.equals("--all")) {
                String what = arg.startsWith("-") ? "unknown option" : "unexpected argument";
                throw new IllegalArgumentException(what + " '" + arg + "'; " + USAGE);
            }
            if (all) {
                throw new IllegalArgumentException("option '--all' given twice; " + USAGE);
            }
            all = true;
        }
        return all ? ProcessTable.ofCurrentUser() : ProcessTable.of(ProcessHandle.current());
    }
}
