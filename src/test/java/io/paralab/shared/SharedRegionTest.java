package io.paralab.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every kind of region shares: names, the private directory, the header checks, the life cycle. */
@ExtendWith(SharedTestDirectory.class)
class SharedRegionTest {

    @Test
    void directoryIsOwnerOnlyAndRegionFilesToo() throws IOException {
        try (SharedLong ignored = SharedLong.create("perm")) {
            Path dir = SharedDirectory.path();
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("perm"))));
        }
    }

    @Test
    void directoryWithWiderPermissionsIsMadeOwnerOnly() throws IOException {
        Path dir = SharedDirectory.path();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(dir, SharedDirectory.path());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }

    @Test
    void directoryThatIsASymbolicLinkIsRefused() throws IOException {
        Path dir = SharedDirectory.path();
        Path link = dir.resolveSibling("link-to-regions");
        Files.createSymbolicLink(link, dir);
        String previous = System.getProperty(SharedDirectory.PROPERTY);
        System.setProperty(SharedDirectory.PROPERTY, link.toString());
        try {
            SharedMemoryException e = assertThrows(SharedMemoryException.class, SharedDirectory::path);
            assertEquals(SharedMemoryException.Reason.BAD_DIRECTORY, e.reason());
            assertTrue(e.getMessage().contains(link.toString()), e.getMessage());
        } finally {
            System.setProperty(SharedDirectory.PROPERTY, previous);
            Files.delete(link);
        }
    }

    @Test
    void openingAMissingNameNamesItAndTheDirectory() {
        SharedMemoryException e = assertThrows(SharedMemoryException.class, () -> SharedLong.open("nobody"));
        assertEquals(SharedMemoryException.Reason.NOT_FOUND, e.reason());
        assertTrue(e.getMessage().contains("'nobody'"), e.getMessage());
        assertTrue(e.getMessage().contains(SharedDirectory.path().toString()), e.getMessage());
    }

    @Test
    void creatingAnExistingNameIsAClashAndLeavesTheFirstIntact() {
        try (SharedLong first = SharedLong.create("clash")) {
            first.set(42);
            SharedMemoryException e = assertThrows(SharedMemoryException.class, () -> SharedLongArray.create("clash", 4));
            assertEquals(SharedMemoryException.Reason.ALREADY_EXISTS, e.reason());
            assertTrue(e.getMessage().contains("'clash' exists already"), e.getMessage());
            assertTrue(e.getMessage().contains("SharedLong created by pid " + ProcessHandle.current().pid()
                    + ", still running"), e.getMessage());
            assertEquals(42, first.get());
            try (SharedLong again = SharedLong.open("clash")) {
                assertEquals(42, again.get());
            }
        }
    }

    @Test
    void aRegionLeftByAKilledCreatorIsReplacedWhenItsNameIsCreatedAgain() throws Exception {
        try (ChildJvms children = new ChildJvms()) {
            Process creator = children.start("createAndWait", "orphan");
            String line = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> ChildJvms.firstLine(creator));
            assertEquals("created by " + creator.pid(), line);
            creator.destroyForcibly();
            assertTrue(creator.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        }
        assertTrue(Files.exists(SharedDirectory.path().resolve("orphan")), "a SIGKILL runs no hook: the file stays");
        try (SharedLong reused = SharedLong.create("orphan")) {
            assertEquals(0, reused.get());
        }
    }

    @Test
    void aRegionItsCreatorNeverClosedIsRemovedWhenTheCreatorExits() throws Exception {
        try (ChildJvms children = new ChildJvms()) {
            Process creator = children.start("createAndExit", "forgotten", "leave");
            assertEquals("created by " + creator.pid(), ChildJvms.resultOf(creator, 60));
        }
        assertFalse(Files.exists(SharedDirectory.path().resolve("forgotten")));
        try (SharedLong again = SharedLong.create("forgotten")) {
            assertEquals(0, again.get());
        }
    }

    @Test
    void aRegionItsCreatorKeptOutlivesItUntilSomeoneDeletesIt() throws Exception {
        Path file = SharedDirectory.path().resolve("kept");
        try (ChildJvms children = new ChildJvms()) {
            Process creator = children.start("createAndExit", "kept", "keep");
            assertEquals("created by " + creator.pid(), ChildJvms.resultOf(creator, 60));
            assertEquals("read 42", ChildJvms.resultOf(children.start("openAndRead", "kept"), 60),
                    "another process, which also sweeps the directory, still finds it");
            SharedMemoryException e = assertThrows(SharedMemoryException.class, () -> SharedLong.create("kept"));
            assertEquals(SharedMemoryException.Reason.ALREADY_EXISTS, e.reason());
            assertTrue(e.getMessage().contains("created by pid " + creator.pid()
                    + ", which kept it after it ended: open it, or delete the file to reuse the name"), e.getMessage());
            try (SharedLong opened = SharedLong.open("kept")) {
                assertEquals(42, opened.get());
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void theNextProcessToUseTheDirectoryRemovesWhatAKilledCreatorLeft() throws Exception {
        Path file = SharedDirectory.path().resolve("abandoned");
        try (ChildJvms children = new ChildJvms()) {
            Process creator = children.start("createAndWait", "abandoned");
            assertEquals("created by " + creator.pid(),
                    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> ChildJvms.firstLine(creator)));
            creator.destroyForcibly();
            assertTrue(creator.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(Files.exists(file));
            assertEquals("created 4", ChildJvms.resultOf(children.start("createArray", "unrelated", "4"), 60));
        }
        assertFalse(Files.exists(file), "removed by the next process that created a region");
    }

    @Test
    void onlyTheCreatorCanKeepARegion() {
        try (SharedLong created = SharedLong.create("mine"); SharedLong opened = SharedLong.open("mine")) {
            IllegalStateException e = assertThrows(IllegalStateException.class, opened::keepAfterExit);
            assertTrue(e.getMessage().contains("only its creator can keep it"), e.getMessage());
            created.keepAfterExit();
        }
        assertFalse(Files.exists(SharedDirectory.path().resolve("mine")), "close() removes a kept region too");
    }

    @Test
    void openingAsTheWrongTypeSaysWhatItIs() {
        try (SharedLong ignored = SharedLong.create("typed")) {
            SharedMemoryException e = assertThrows(SharedMemoryException.class, () -> SharedQueue.open("typed"));
            assertEquals(SharedMemoryException.Reason.TYPE_MISMATCH, e.reason());
            assertTrue(e.getMessage().contains("it is a SharedLong, not a SharedQueue"), e.getMessage());
        }
    }

    @Test
    void aFileThatIsNoRegionIsRefused() throws IOException {
        Path stray = SharedDirectory.path().resolve("stray");
        Files.write(stray, new byte[4096]);
        try {
            SharedMemoryException e = assertThrows(SharedMemoryException.class, () -> SharedLock.open("stray"));
            assertEquals(SharedMemoryException.Reason.TYPE_MISMATCH, e.reason());
            assertTrue(e.getMessage().contains("not a ParaLab shared region"), e.getMessage());
        } finally {
            Files.delete(stray);
        }
    }

    @Test
    void badNamesAreRefusedBeforeTouchingTheDisk() {
        for (String name : new String[] {"", "../escape", "a/b", ".hidden", "-dash", "x".repeat(101), "sp ace"}) {
            SharedMemoryException e = assertThrows(SharedMemoryException.class, () -> SharedLong.create(name), name);
            assertEquals(SharedMemoryException.Reason.BAD_NAME, e.reason());
        }
        assertThrows(SharedMemoryException.class, () -> SharedLong.open(null));
    }

    @Test
    void theCreatorsCloseRemovesTheNameAnOpenersCloseDoesNot() {
        Path file = SharedDirectory.path().resolve("life");
        SharedLong creator = SharedLong.create("life");
        SharedLong opener = SharedLong.open("life");
        opener.close();
        assertTrue(Files.exists(file));
        opener.close();   // idempotent
        creator.close();
        assertFalse(Files.exists(file));
        try (SharedLong reborn = SharedLong.create("life")) {
            assertEquals(0, reborn.get());
        }
    }

    @Test
    void useAfterCloseIsAClearError() {
        SharedLong counter = SharedLong.create("closed");
        counter.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, counter::incrementAndGet);
        assertTrue(e.getMessage().contains("'closed' is closed"), e.getMessage());
    }

    @Test
    void aFailedWriteWhileCreatingNamesTheRegionAndTheDirectoryAndLeavesNoFile() throws Exception {
        // The child may write at most 64 KiB per file (ulimit -f); an 8 MB array cannot be allocated: the same
        // path as a full disk (the write of the zeros fails with an IOException).
        try (ChildJvms children = new ChildJvms()) {
            Process child = children.startInShell("ulimit -f 128;", "createArray", "huge", "1000000");
            String line = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> ChildJvms.resultOf(child, 60));
            assertTrue(line.startsWith("IO_ERROR cannot create shared region 'huge' in " + SharedDirectory.path()), line);
        }
        try (var files = Files.list(SharedDirectory.path())) {
            assertEquals(0, files.filter(p -> p.getFileName().toString().contains("huge")).count());
        }
    }
}
