package io.paralab.jupyter;

import io.paralab.format.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of processes — pid, command, state, CPU time, resident memory, threads — shown as a tree-ordered
 * table. This is what {@code %ps} returns. State, memory and thread counts come from Linux's {@code /proc};
 * where it is absent those cells read {@code –} and a note says why. An immutable snapshot.
 *
 * <pre>{@code
 * ProcessTable mine = ProcessTable.of(ProcessHandle.current());   // this JVM and its children
 * mine.row(worker.pid()).ifPresent(r -> System.out.println(r.threads()));
 * display(mine);
 * }</pre>
 *
 * @param caption what the snapshot shows
 * @param rows    the processes, each parent followed by its children
 * @param detailsAvailable whether {@code /proc} could be read for state, memory and threads
 */
public record ProcessTable(String caption, List<ProcessRow> rows, boolean detailsAvailable) implements TableView {

    private static final String UNKNOWN = "–";

    /** Copies the rows. */
    public ProcessTable {
        rows = List.copyOf(rows);
    }

    /**
     * A snapshot of a process tree, e.g. {@code ProcessTable.of(ProcessHandle.current())}. Processes that end
     * while it is taken are left out.
     *
     * @param root the process at the top
     * @return {@code root} and its live descendants, each parent followed by its children
     */
    public static ProcessTable of(ProcessHandle root) {
        return of(root, new ProcessLister(ProcFs.system()));
    }

    /**
     * A snapshot of every live process that runs as the same user as this JVM.
     *
     * @return the processes, each parent followed by its children
     * @throws IllegalStateException when the system does not tell which user runs this JVM
     */
    public static ProcessTable ofCurrentUser() {
        ProcessLister lister = new ProcessLister(ProcFs.system());
        return new ProcessTable("Processes of user " + ProcessHandle.current().info().user().orElse("?"),
                lister.sameUser(), lister.detailsAvailable());
    }

    static ProcessTable of(ProcessHandle root, ProcessLister lister) {
        String caption = root.pid() == ProcessHandle.current().pid()
                ? "Process tree of this JVM (pid " + root.pid() + ")"
                : "Process tree of pid " + root.pid();
        return new ProcessTable(caption, lister.tree(root), lister.detailsAvailable());
    }

    /**
     * The row of a process.
     *
     * @param pid the process id
     * @return its row, or empty when it is not in this snapshot
     */
    public Optional<ProcessRow> row(long pid) {
        return rows.stream().filter(r -> r.pid() == pid).findFirst();
    }

    /** The snapshot as a {@link Table}. */
    @Override
    public Table toTable() {
        List<List<String>> cells = new ArrayList<>(rows.size());
        for (ProcessRow row : rows) {
            String indent = row.depth() == 0 ? "" : "\u00a0\u00a0".repeat(row.depth() - 1) + "└─ ";
            cells.add(List.of(
                    Long.toString(row.pid()),
                    indent + row.command(),
                    row.state().orElse(UNKNOWN),
                    row.cpuTime().map(Units::seconds).orElse(UNKNOWN),
                    row.rssKiB().isPresent() ? Units.mebibytes(row.rssKiB().getAsLong()) : UNKNOWN,
                    row.threads().isPresent() ? Integer.toString(row.threads().getAsInt()) : UNKNOWN));
        }
        List<String> notes = detailsAvailable
                ? List.of()
                : List.of("State, memory and threads need Linux's /proc, which this system does not have.");
        return new Table(caption + " — " + rows.size() + (rows.size() == 1 ? " process" : " processes"),
                List.of(Table.Column.numeric("pid"), Table.Column.text("command"), Table.Column.text("state"),
                        Table.Column.numeric("CPU s"), Table.Column.numeric("RSS MiB"), Table.Column.numeric("threads")),
                cells, notes);
    }

    @Override
    public String toString() {
        return toText();
    }
}
