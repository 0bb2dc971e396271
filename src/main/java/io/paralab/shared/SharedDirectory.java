package io.paralab.shared;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The private directory that holds the files of shared regions: readable only by its owner (0700), each
 * region file 0600.
 *
 * <p>It is, in this order: the system property {@value #PROPERTY} when set (a parent that sets it must pass
 * it to its children); {@code $XDG_RUNTIME_DIR/paralab} when {@code XDG_RUNTIME_DIR} names a directory;
 * otherwise {@code java.io.tmpdir/paralab-<user.name>}. A parent and the children it starts compute the same
 * directory, so a child opens by name what its parent created.
 *
 * <pre>{@code
 * Path dir = SharedDirectory.path();   // e.g. /run/user/1000/paralab
 * }</pre>
 */
public final class SharedDirectory {

    /** System property that overrides the directory. */
    public static final String PROPERTY = "paralab.shared.dir";

    static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private SharedDirectory() {
    }

    /**
     * The directory, created owner-only when missing; its permissions are set back to owner-only when they were
     * widened.
     *
     * @return the absolute path of the directory
     *
     * @throws SharedMemoryException ({@link SharedMemoryException.Reason#BAD_DIRECTORY}) when it is not a
     *                               directory, is a symbolic link, belongs to another user, or cannot be made
     */
    public static Path path() {
        Path dir = chosen();
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        } catch (FileAlreadyExistsException e) {
            // checked below
        } catch (IOException | UnsupportedOperationException e) {
            throw new SharedMemoryException(SharedMemoryException.Reason.BAD_DIRECTORY,
                    "cannot create the shared-memory directory " + dir + ": " + e, e);
        }
        check(dir);
        return dir;
    }

    private static Path chosen() {
        String override = System.getProperty(PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath();
        }
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))) {
            return Path.of(runtime, "paralab");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "paralab-" + System.getProperty("user.name"))
                .toAbsolutePath();
    }

    private static void check(Path dir) {
        try {
            PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isDirectory()) {
                throw bad(dir, "it is not a directory" + (attributes.isSymbolicLink() ? " but a symbolic link" : ""));
            }
            String me = System.getProperty("user.name");
            if (!attributes.owner().getName().equals(me)) {
                throw bad(dir, "it belongs to " + attributes.owner().getName() + ", not to " + me);
            }
            if (!attributes.permissions().equals(OWNER_ONLY_DIRECTORY)) {
                Files.setPosixFilePermissions(dir, OWNER_ONLY_DIRECTORY);
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw bad(dir, e.toString());
        }
    }

    private static SharedMemoryException bad(Path dir, String why) {
        return new SharedMemoryException(SharedMemoryException.Reason.BAD_DIRECTORY,
                "the shared-memory directory " + dir + " is not usable: " + why);
    }
}
