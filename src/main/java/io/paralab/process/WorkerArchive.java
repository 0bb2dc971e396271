package io.paralab.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A dynamic class-data-sharing archive for child JVMs, so they start with ParaLab's and the JDK's classes
 * already parsed. The first child of a parent JVM, when no archive exists yet, records one at its exit
 * ({@code -XX:ArchiveClassesAtExit}) into a temporary file that the parent then moves into place; later
 * children map it ({@code -XX:SharedArchiveFile}). The archive lives in an owner-only directory and is
 * keyed by the java binary, its version, the child's own JVM options and the class path's jars (names, sizes,
 * times), so a changed jar gets a new archive and children of different kinds (a pool's workers, a cluster's
 * members, which load other classes and take other options) each record and map their own. Only used when the
 * class path holds jars alone, as the JVM requires.
 */
final class WorkerArchive {

    private static final List<String> QUIET = List.of("-Xlog:cds*=off:stderr");
    /** The archives a child of this JVM is recording now: one recorder per archive. */
    private static final Set<Path> RECORDING = ConcurrentHashMap.newKeySet();

    /** The options for one child and, for the recording child, where its archive goes when it exits. */
    record Plan(List<String> options, Path recorded, Path target) {
        /** Moves a freshly recorded archive into place; call after the recording child exited. */
        void publish() {
            if (recorded == null) {
                return;
            }
            RECORDING.remove(target);
            try {
                if (Files.size(recorded) > 0) {
                    Files.move(recorded, target, StandardCopyOption.ATOMIC_MOVE);
                    removeOldArchives(target.getParent());
                }
            } catch (IOException e) {
                // no archive this time: children start without it, as they would anyway
            } finally {
                try {
                    Files.deleteIfExists(recorded);
                } catch (IOException ignored) {
                    // nothing more to clean
                }
            }
        }
    }

    private static final int ARCHIVES_KEPT = 4;

    private WorkerArchive() {
    }

    /** Keeps the newest few archives: each class path change (a rebuilt jar) makes a new one. */
    private static void removeOldArchives(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            List<Path> archives = files.filter(p -> p.getFileName().toString().endsWith(".jsa"))
                    .sorted(java.util.Comparator.comparing(WorkerArchive::modified).reversed()).toList();
            for (Path old : archives.subList(Math.min(ARCHIVES_KEPT, archives.size()), archives.size())) {
                Files.deleteIfExists(old);
            }
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    static Plan planFor(String javaBinary, String classPath, List<String> jvmOptions) {
        List<Path> jars = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!entry.endsWith(".jar") || !Files.isRegularFile(path)) {
                return new Plan(List.of(), null, null);
            }
            jars.add(path);
        }
        try {
            Path dir = directory();
            Path archive = dir.resolve("worker-" + key(javaBinary, jvmOptions, jars) + ".jsa");
            if (Files.isRegularFile(archive)) {
                List<String> options = new ArrayList<>(QUIET);
                options.add("-XX:SharedArchiveFile=" + archive);
                return new Plan(options, null, null);
            }
            if (RECORDING.add(archive)) {
                Path recorded = dir.resolve(archive.getFileName() + ".part-" + ProcessHandle.current().pid());
                List<String> options = new ArrayList<>(QUIET);
                options.add("-XX:ArchiveClassesAtExit=" + recorded);
                return new Plan(options, recorded, archive);
            }
        } catch (IOException | RuntimeException e) {
            // no archive: children start the plain way
        }
        return new Plan(List.of(), null, null);
    }

    private static Path directory() throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "paralab-cds-" + System.getProperty("user.name"));
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another JVM created it meanwhile
            }
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                || !Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))) {
            throw new IOException(dir + " is not a directory of this user");
        }
        return dir;
    }

    private static String key(String javaBinary, List<String> jvmOptions, List<Path> jars) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            StringBuilder material = new StringBuilder(javaBinary).append('|').append(Runtime.version());
            for (String option : jvmOptions) {
                material.append('|').append(option);
            }
            for (Path jar : jars) {
                material.append('|').append(jar.toAbsolutePath()).append(':').append(Files.size(jar))
                        .append(':').append(Files.getLastModifiedTime(jar).toMillis());
            }
            byte[] hash = digest.digest(material.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
