package io.paralab.jupyter;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseNotebookStatics;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

import java.util.List;

/**
 * A line magic that takes a snapshot table ({@link #run(List)}) and shows it in the running cell, once, in both
 * kernels: stock JJava shows the value of a magic that is a cell's last expression, ParaLab's kernel drops it, and
 * both drop it inside a block ({@code try { ... %ps ... }}). So {@link #eval} displays the table itself and returns
 * null, which neither kernel shows. For the table as a value, call {@link #run(List)}.
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

    /** Shows the table in the running cell; returns null, so that no kernel shows it a second time as the cell's value. */
    @Override
    default T eval(BaseKernel kernel, List<String> args) {
        BaseNotebookStatics.display(run(args));
        return null;
    }

    /** The error for an argument the magic does not take: an unknown option or an unexpected argument. */
    static IllegalArgumentException badArgument(String arg, String usage) {
        String what = arg.startsWith("-") ? "unknown option" : "unexpected argument";
        return new IllegalArgumentException(what + " '" + arg + "'; " + usage);
    }
}
