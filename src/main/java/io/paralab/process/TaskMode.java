package io.paralab.process;

/** How a worker applies a {@link Message.RunTask}'s function; its ordinal travels in the frame. */
enum TaskMode {
    /** The function is a {@link java.util.function.Function}; apply it to each encoded argument, return the list. */
    EACH,
    /** The function is a {@link java.util.concurrent.Callable} or {@link Runnable}; no arguments. */
    CALL,
    /** The function takes the child's end of the {@link Pipe}. */
    PIPE;

    private static final TaskMode[] ALL = values();

    /** The mode a frame's byte names. */
    static TaskMode of(int ordinal) {
        if (ordinal < 0 || ordinal >= ALL.length) {
            throw new IllegalArgumentException("unknown task mode " + ordinal);
        }
        return ALL[ordinal];
    }
}
