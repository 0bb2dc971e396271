package io.paralab.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

class CacheFolderTest {

    @Test
    void theRootFollowsXdgCacheHome() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path expected = xdg != null && !xdg.isBlank() ? Path.of(xdg, "paralab")
                : Path.of(System.getProperty("user.home"), ".cache", "paralab");
        assertEquals(expected, CacheFolder.root());
    }

    @Test
    void aCreatedFolderIsTheOwnersAloneAndCreatingItAgainFindsIt() throws IOException {
        String name = "cache-folder-test-" + ProcessHandle.current().pid();
        Path dir = CacheFolder.create(name);
        try {
            assertEquals(CacheFolder.root().resolve(name), dir);
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            assertEquals(dir, CacheFolder.create(name));
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void aFileWhereTheFolderShouldBeIsRefusedByName() throws IOException {
        String name = "cache-folder-file-" + ProcessHandle.current().pid();
        Files.createDirectories(CacheFolder.root());
        Path file = Files.writeString(CacheFolder.root().resolve(name), "not a folder");
        try {
            IOException e = assertThrows(IOException.class, () -> CacheFolder.create(name));
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
