package io.paralab.shared;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Regions that would outlive their creator. A process removes the regions it created and did not close
 * when it exits (a shutdown hook), unless it {@linkplain SharedObject#keepAfterExit() kept} them. A creator
 * that could run no hook (SIGKILL, a crash) leaves its regions behind: the next process that uses the shared
 * directory removes them, and creating a name such a region holds replaces it.
 *
 * <p>A region is abandoned when its creator is no longer running (its pid is gone, or now belongs to a
 * process started at another time) and it was not kept. Removing one is done under a lock file in the
 * directory, re-checked there, so two processes never remove a region a live creator just published.
 */
final class Leftovers {

    private static final Set<Region> OWN = ConcurrentHashMap.newKeySet();
    private static final Set<Path> SWEPT = ConcurrentHashMap.newKeySet();
    private static final Object IN_PROCESS = new Object();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OWN.forEach(Region::removeFile),
                "paralab-remove-shared-regions"));
    }

    private Leftovers() {
    }

    /** Removes {@code region}'s file when this process exits, unless it is closed or kept first. */
    static void removeAtExit(Region region) {
        OWN.add(region);
    }

    /** Forgets {@code region}: it was closed, or is to stay after this process exits. */
    static void forget(Region region) {
        OWN.remove(region);
    }

    /** Once per process and directory: removes the abandoned regions in {@code dir}. */
    static void sweepOnce(Path dir) {
        if (!SWEPT.add(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, file -> !file.getFileName().toString().startsWith("."))) {
            for (Path file : files) {
                removeIfAbandoned(file);
            }
        } catch (IOException e) {
            // leftovers are a courtesy; a name one holds is freed when it is created again
        }
    }

    /**
     * Removes the region at {@code path} if it is abandoned.
     *
     * @return whether the name is free now (removed, or no file there)
     */
    static boolean removeIfAbandoned(Path path) {
        synchronized (IN_PROCESS) {   // a FileLock is held per process: threads of one process queue here
            try (FileChannel lockFile = FileChannel.open(path.resolveSibling(".lock"), Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(SharedDirectory.OWNER_ONLY_FILE));
                 FileLock ignored = lockFile.lock()) {
                if (!Files.exists(path)) {
                    return true;
                }
                Region.Header header = Region.Header.read(path);
                if (header == null || header.kept() || header.creatorRunning()) {
                    return false;
                }
                Files.deleteIfExists(path);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
