package io.paralab.jupyter;

import java.util.ArrayList;
import java.util.List;

/** A progress display that records what it is asked to show, in order. */
final class RecordingDisplay implements ProgressDisplay {

    static final String ID = "display-1";

    private final List<ProgressView> shown = new ArrayList<>();
    private final List<ProgressView> updates = new ArrayList<>();

    @Override
    public synchronized String show(ProgressView view) {
        shown.add(view);
        return ID;
    }

    @Override
    public synchronized void update(String displayId, ProgressView view) {
        if (!ID.equals(displayId)) {
            throw new AssertionError("update for unknown display " + displayId);
        }
        updates.add(view);
    }

    synchronized List<ProgressView> shown() {
        return List.copyOf(shown);
    }

    synchronized List<ProgressView> updates() {
        return List.copyOf(updates);
    }
}
