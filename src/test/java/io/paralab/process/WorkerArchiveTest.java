package io.paralab.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerArchiveTest {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @Test
    void childrenWithOtherJvmOptionsRecordTheirOwnArchiveAndOneRecorderAtATime(@TempDir Path dir) throws Exception {
        Path jar = Files.write(dir.resolve("only-this-test.jar"), new byte[]{1, 2, 3});
        List<String> workerOptions = List.of("-Xmx64m");
        List<String> memberOptions = List.of("-Xmx64m", "--add-opens=java.base/java.lang=ALL-UNNAMED");

        WorkerArchive.Plan worker = WorkerArchive.planFor(JAVA, jar.toString(), workerOptions);
        WorkerArchive.Plan secondWorker = WorkerArchive.planFor(JAVA, jar.toString(), workerOptions);
        WorkerArchive.Plan member = WorkerArchive.planFor(JAVA, jar.toString(), memberOptions);
        try {
            assertNotNull(worker.recorded(), "the first child records the archive");
            assertTrue(worker.options().contains("-XX:ArchiveClassesAtExit=" + worker.recorded()), worker.options().toString());
            assertEquals(List.of(), secondWorker.options(), "a second child starts plainly while the first records");
            assertNull(secondWorker.recorded());
            assertNotNull(member.recorded(), "a child with other options records an archive of its own");
            assertNotEquals(worker.target(), member.target());
        } finally {
            worker.publish();   // nothing was recorded: no archive is moved into place, the recorder slot is freed
            member.publish();
        }
        assertTrue(Files.notExists(worker.target()));
        WorkerArchive.Plan again = WorkerArchive.planFor(JAVA, jar.toString(), workerOptions);
        try {
            assertNotNull(again.recorded(), "after a recorder ended without an archive, the next child records");
        } finally {
            again.publish();
        }
    }
}
