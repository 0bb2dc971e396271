package io.paralab.kernel.dependencies;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A remote Maven repository: an id (the key of its credentials and mirrors in {@code settings.xml}) and a URL.
 *
 * <pre>{@code
 * Repository snapshots = Repository.of("snapshots", "https://example.org/maven/snapshots");
 * }</pre>
 *
 * @param id  the repository's id, not blank
 * @param url an {@code http}, {@code https} or {@code file} URL
 */
public record Repository(String id, String url) {

    /**
     * Checks and makes a repository.
     *
     * @throws IllegalArgumentException naming the bad id or URL
     */
    public static Repository of(String id, String url) {
        if (id == null || id.isBlank() || !id.matches("[\\w.-]+")) {
            throw new IllegalArgumentException("a repository id is letters, digits, '.', '_' or '-', got '" + id + "'");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("file")) {
                throw new IllegalArgumentException("repository '" + id + "': '" + url
                        + "' is not an http, https or file URL");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("repository '" + id + "': '" + url + "' is not a URL: " + e.getReason());
        }
        return new Repository(id, url);
    }

    @Override
    public String toString() {
        return id + " (" + url + ")";
    }
}
