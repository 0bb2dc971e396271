package io.paralab.process;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Stands for an exception thrown in a child JVM whose own class could not travel (it was not
 * serializable, or the parent cannot load it). It keeps the original class name, message and stack
 * trace, and its cause is the stand-in for the original cause.
 *
 * <pre>{@code
 * catch (ExecutionException e) {
 *     if (e.getCause() instanceof RemoteTaskException r) System.out.println(r.remoteClassName());
 * }
 * }</pre>
 */
public final class RemoteTaskException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String remoteClassName;

    /**
     * @param remoteClassName the class of the exception in the child, e.g. {@code "com.acme.BadThing"}
     * @param message         its message, may be null
     * @param cause           the stand-in for its cause, may be null
     */
    public RemoteTaskException(String remoteClassName, String message, Throwable cause) {
        super(message == null ? remoteClassName : remoteClassName + ": " + message, cause);
        this.remoteClassName = remoteClassName;
    }

    /** The class name of the exception thrown in the child. */
    public String remoteClassName() {
        return remoteClassName;
    }

    /** A stand-in chain for a throwable and its causes, stack traces included. */
    static RemoteTaskException copyOf(Throwable throwable) {
        return copyOf(throwable, new IdentityHashMap<>());
    }

    private static RemoteTaskException copyOf(Throwable t, Map<Throwable, Boolean> seen) {
        seen.put(t, Boolean.TRUE);
        Throwable cause = t.getCause();
        RemoteTaskException causeCopy = cause == null || seen.containsKey(cause) ? null : copyOf(cause, seen);
        RemoteTaskException copy = t instanceof RemoteTaskException r
                ? new RemoteTaskException(r.remoteClassName, messageOf(r), causeCopy)
                : new RemoteTaskException(t.getClass().getName(), t.getMessage(), causeCopy);
        copy.setStackTrace(t.getStackTrace());
        return copy;
    }

    private static String messageOf(RemoteTaskException r) {
        String message = r.getMessage();
        String prefix = r.remoteClassName + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : null;
    }
}
