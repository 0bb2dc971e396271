package io.paralab.shared;

/**
 * A shared-memory region could not be created or opened. The message names the region and its directory;
 * {@link #reason()} says what went wrong, for programs that react to it.
 *
 * <pre>{@code
 * try (SharedLong counter = SharedLong.open("hits")) {
 *     ...
 * } catch (SharedMemoryException e) {
 *     if (e.reason() == SharedMemoryException.Reason.NOT_FOUND) { ... }   // the parent has not created it yet
 * }
 * }</pre>
 */
public final class SharedMemoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * What went wrong.
     *
     * <pre>{@code
     * if (e.reason() == SharedMemoryException.Reason.ALREADY_EXISTS) { ... }
     * }</pre>
     */
    public enum Reason {
        /** The name is not a valid region name. */
        BAD_NAME,
        /** {@code open} found no region of that name. */
        NOT_FOUND,
        /** {@code create} found a region of that name already. */
        ALREADY_EXISTS,
        /** The region is of another type or layout than asked for, or is not a ParaLab region at all. */
        TYPE_MISMATCH,
        /** The shared directory is missing, not private, or not usable. */
        BAD_DIRECTORY,
        /** Reading, writing or mapping the file failed, e.g. the disk is full. */
        IO_ERROR
    }

    /** What went wrong. */
    private final Reason reason;

    SharedMemoryException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    SharedMemoryException(Reason reason, String message) {
        this(reason, message, null);
    }

    /**
     * What went wrong.
     *
     * @return the reason, never null
     */
    public Reason reason() {
        return reason;
    }
}
