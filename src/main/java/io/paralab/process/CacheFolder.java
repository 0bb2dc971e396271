package io.paralab.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where ParaLab keeps what it can make again but would rather not: the kernel's start-up cache and the class-data
 * archives its child JVMs start from. One folder per user, {@code $XDG_CACHE_HOME/paralab} (by default
 * {@code ~/.cache/paralab}), as the XDG base-directory convention asks; point {@code XDG_CACHE_HOME} elsewhere to
 * keep a run's caches apart (the tests keep theirs in a temporary folder).
 *
 * <pre>{@code
 * Path archives = CacheFolder.create("children");   // ~/.cache/paralab/children, rwx------
 * }</pre>
 *
 * <p>Stateless and thread-safe; several JVMs may create the same folder at once.
 */
public final class CacheFolder {

    private CacheFolder() {
    }

    /** {@code $XDG_CACHE_HOME/paralab}, or {@code ~/.cache/paralab} when the variable is unset or blank; not created. */
    public static Path root() {
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("paralab");
    }

    /**
     * The folder {@code name} under {@link #root()}, created owner-only ({@code rwx------}) with its parents if it
     * does not exist.
     *
     * @throws IOException if it cannot be created, or exists and is not a folder of this user (a symbolic link
     *                     included), which would let another user plant files a child JVM maps
     */
    public static Path create(String name) throws IOException {
        Path dir = root().resolve(name);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir.getParent());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another JVM created it meanwhile
            }
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                || !Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))) {
            throw new IOException(dir + " is not a folder of this user");
        }
        return dir;
    }
}
