package io.paralab.jupyter;

/**
 * Something the extension shows in a notebook: HTML for the front end and plain text as the fallback
 * (for consoles, {@code nbconvert --to script}, and logs). The extension registers one renderer for every
 * {@code NotebookView}, so a cell whose last expression is a view shows its HTML.
 *
 * <pre>{@code
 * ThreadTable table = ThreadTable.capture();
 * display(table);                     // text/html with a text/plain fallback
 * System.out.println(table.toText());
 * }</pre>
 */
public interface NotebookView {

    /**
     * The view as HTML.
     *
     * @return an HTML fragment in which every piece of text is escaped
     */
    String toHtml();

    /**
     * The view as plain text.
     *
     * @return lines separated by {@code \n}
     */
    String toText();
}
