package io.paralab.jupyter;

/** Where a {@link ProgressBar} shows itself: a notebook output in the kernel, a recorder in tests. */
interface ProgressDisplay {

    /** Shows a new output and returns its display id. */
    String show(ProgressView view);

    /** Replaces the output shown under {@code displayId}. */
    void update(String displayId, ProgressView view);
}
