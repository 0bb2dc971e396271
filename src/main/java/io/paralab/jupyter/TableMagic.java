package io.paralab.jupyter;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseNotebookStatics;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

import java.util.List;

/**
 * A line magic that takes a snapshot table ({@link #run(List)}) and shows it in the running cell. JJava discards the
 * value of a line magic that stands alone on its line, so {@link #eval} displays the table itself and also returns
 * it, for {@code var t = %ps}.
 *
 * <pre>{@code
 * ProcessTable table = new PsMagic().run(List.of("--all"));   // the snapshot, not shown
 * }</pre>
 *
 * @param <T> the table
 */
interface TableMagic<T extends TableView> extends LineMagic<T, BaseKernel> {

    /**
     * Takes the snapshot without showing it.
     *
     * @throws IllegalArgumentException naming the first argument the magic does not take
     */
    T run(List<String> args);

    /** Shows the table in the running cell and returns it. */
    @Override
    default T eval(BaseKernel kernel, List<String> args) {
        T table = run(args);
        BaseNotebookStatics.display(table);
        return table;
    }

    /** The error for an argument the magic does not take: an unknown option or an unexpected argument. */
    static IllegalArgumentException badArgument(String arg, String usage) {
        String what = arg.startsWith("-") ? "unknown option" : "unexpected argument";
        return new IllegalArgumentException(what + " '" + arg + "'; " + usage);
    }
}
