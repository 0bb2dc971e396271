package io.paralab.jupyter;

import io.paralab.format.Table;


/**
 * A {@link NotebookView} that is one table: its HTML and text are the table's.
 *
 * <pre>{@code
 * TableView threads = ThreadTable.capture();
 * System.out.println(threads.toTable().rows().size() + " threads");
 * }</pre>
 */
public interface TableView extends NotebookView {

    /**
     * The table this view shows.
     *
     * @return the table, whose HTML and text are this view's
     */
    Table toTable();

    @Override
    default String toHtml() {
        return toTable().toHtml();
    }

    @Override
    default String toText() {
        return toTable().toText();
    }
}
