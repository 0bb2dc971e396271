package io.paralab.jupyter;

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
public final class PsMagic implements TableMagic<ProcessTable> {

    /** The name the magic is registered under. */
    public static final String NAME = "ps";

    private static final String USAGE = "%ps takes [--all]";

    /** The magic, as the extension registers it. */
    public PsMagic() {
    }

    /**
     * Takes the snapshot without showing it.
     *
     * @param args {@code []} or {@code ["--all"]}
     * @throws IllegalArgumentException naming the first argument it does not know, or a repeated one
     */
    @Override
    public ProcessTable run(List<String> args) {
        boolean all = false;
        for (String arg : args) {
            if (!arg.equals("--all")) {
                throw TableMagic.badArgument(arg, USAGE);
            }
            if (all) {
                throw new IllegalArgumentException("option '--all' given twice; " + USAGE);
            }
            all = true;
        }
        return all ? ProcessTable.ofCurrentUser() : ProcessTable.of(ProcessHandle.current());
    }
}
