package io.paralab.jupyter;

import org.dflib.jjava.jupyter.kernel.BaseNotebookStatics;

/**
 * Shows progress in the running notebook: {@code display_data} once, then {@code update_display_data} with the
 * same display id. The extension's renderer turns each {@link ProgressView} into HTML with a text fallback.
 */
final class NotebookProgressDisplay implements ProgressDisplay {

    @Override
    public String show(ProgressView view) {
        return BaseNotebookStatics.display(view);
    }

    @Override
    public void update(String displayId, ProgressView view) {
        BaseNotebookStatics.updateDisplay(displayId, view);
    }
}
