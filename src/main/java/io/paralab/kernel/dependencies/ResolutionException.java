package io.paralab.kernel.dependencies;

/**
 * Thrown when dependencies cannot be resolved: the message names each artifact that failed and why (not found in
 * the named repositories, offline, a repository that cannot be reached, bad coordinates). Nothing was added to any
 * class path when it is thrown.
 */
public final class ResolutionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public ResolutionException(String message) {
        super(message);
    }
}
