package io.paralab.process;

/** How a worker applies a {@link Message.RunTask}'s function: the byte values travel in the frame. */
final class TaskMode {
    /** The function is a {@link java.util.function.Function}; apply it to each encoded argument, return the list. */
    static final byte EACH = 0;
    /** The function is a {@link java.util.concurrent.Callable} or {@link Runnable}; no arguments. */
    static final byte CALL = 1;
    /** The function takes the child's end of the {@link Pipe}. */
    static final byte PIPE = 2;

    private TaskMode() {
    }
}
