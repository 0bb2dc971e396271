package io.paralab.process;

/** What a child JVM is for; its name travels as {@code WorkerMain}'s {@code --role} argument. */
enum ChildRole {
    /** A pool's worker: runs many tasks on its threads until the parent closes its channel. */
    POOL,
    /** A {@link JvmProcess}: runs one task on its main thread, then lets the JVM end. */
    SINGLE;

    /** The argument's spelling, e.g. {@code "pool"}. */
    String argument() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
