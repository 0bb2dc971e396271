package io.paralab.process;

import io.paralab.process.WorkerArchive.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerArchiveTest {

    private static final List<String> JAVA = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString());

    @Test
    void childrenWithOtherJvmOptionsRecordTheirOwnArchiveAndOneRecorderAtATime(@TempDir Path dir) throws Exception {
        for (Kind kind : List.of(Kind.DYNAMIC_CDS, Kind.AOT_CACHE)) {
            Path jar = Files.write(dir.resolve("only-this-test-" + kind + ".jar"), new byte[]{1, 2, 3});
            List<String> workerOptions = List.of("-Xmx64m");
            List<String> memberOptions = List.of("-Xmx64m", "--add-opens=java.base/java.lang=ALL-UNNAMED");

            WorkerArchive.Plan worker = WorkerArchive.planFor(kind, JAVA, jar.toString(), workerOptions);
            WorkerArchive.Plan secondWorker = WorkerArchive.planFor(kind, JAVA, jar.toString(), workerOptions);
            WorkerArchive.Plan member = WorkerArchive.planFor(kind, JAVA, jar.toString(), memberOptions);
            try {
                assertNotNull(worker.recording(), "the first child records the archive");
                String records = kind == Kind.AOT_CACHE ? "-XX:AOTConfiguration=" : "-XX:ArchiveClassesAtExit=";
                assertTrue(worker.options().contains(records + worker.recording().recorded()), worker.options().toString());
                assertEquals(List.of(), secondWorker.options(), "a second child starts plainly while the first records");
                assertNull(secondWorker.recording());
                assertNotNull(member.recording(), "a child with other options records an archive of its own");
                assertNotEquals(worker.recording().target(), member.recording().target());
            } finally {
                worker.publish();   // nothing was recorded: no archive is made, the recorder slot is freed
                member.publish();
            }
            assertTrue(Files.notExists(worker.recording().target()));
            WorkerArchive.Plan again = WorkerArchive.planFor(kind, JAVA, jar.toString(), workerOptions);
            try {
                assertNotNull(again.recording(), "after a recorder ended without an archive, the next child records");
            } finally {
                again.publish();
            }
        }
    }

    @Test
    void theSystemPropertyChoosesTheKindAndJdksBefore25HaveNoAotCache() {
        assertEquals(Kind.AOT_CACHE, Kind.of(null, 25));
        assertEquals(Kind.DYNAMIC_CDS, Kind.of(null, 21));
        assertEquals(Kind.DYNAMIC_CDS, Kind.of("aot", 21));
        assertEquals(Kind.DYNAMIC_CDS, Kind.of("cds", 25));
        assertEquals(Kind.NONE, Kind.of(" None ", 25));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kind.of("fast", 25));
        assertTrue(e.getMessage().contains(WorkerArchive.KIND_PROPERTY) && e.getMessage().contains("\"fast\""),
                e.getMessage());
    }

    @Test
    void noArchiveForAClassPathWithADirectoryWhenNoneIsChosenOrTheChildChoseItsOwnSharing(@TempDir Path dir) throws Exception {
        Path jar = Files.write(dir.resolve("only-this-test.jar"), new byte[]{1, 2, 3});
        WorkerArchive.Plan withDirectory = WorkerArchive.planFor(Kind.AOT_CACHE, JAVA,
                jar + java.io.File.pathSeparator + dir, List.of());
        WorkerArchive.Plan none = WorkerArchive.planFor(Kind.NONE, JAVA, jar.toString(), List.of());
        assertEquals(List.of(), withDirectory.options());
        assertNull(withDirectory.recording());
        assertEquals(List.of(), none.options());
        assertNull(none.recording());
        for (String own : List.of("-Xshare:off", "-XX:SharedArchiveFile=/x.jsa", "-XX:AOTCache=/x.aot")) {
            WorkerArchive.Plan plan = WorkerArchive.planFor(Kind.AOT_CACHE, JAVA, jar.toString(), List.of(own));
            assertEquals(List.of(), plan.options(), "a child that says how it shares class data keeps its say: " + own);
        }
    }
}
