package io.paralab.process;

/**
 * A child JVM's class loader for classes it lacks, e.g. classes defined in a notebook cell: it asks the
 * JVM that sent the task for their bytes through a {@link Fetcher} — the framed channel to the parent
 * ({@link ChannelClassFetcher}) or another transport (see {@link TaskShipping}). A cell class arrives
 * without its variables' values: those come with the tasks that read them ({@link CellValues}) and are set
 * before such a task runs, so no thread sees a class whose variables are still being set. Used by task
 * threads, never by the thread that delivers the answers.
 */
final class RemoteClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    /** Gets the bytes of one class from the JVM that has them. */
    interface Fetcher {
        /** The answer for {@code className}; throws when none came. */
        Message.ClassResponse fetch(String className) throws ClassNotFoundException;
    }

    private final Fetcher fetcher;

    RemoteClassLoader(Fetcher fetcher, ClassLoader parent) {
        super("paralab-remote", parent);
        this.fetcher = fetcher;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        Message.ClassResponse response = fetcher.fetch(name);
        if (response.bytes() == null) {
            throw new ClassNotFoundException(name + ": " + response.error());
        }
        try {
            return defineClass(name, response.bytes(), 0, response.bytes().length);
        } catch (LinkageError e) {
            throw new ClassNotFoundException(name + ": the parent's bytes do not define it here: " + e, e);
        }
    }
}
