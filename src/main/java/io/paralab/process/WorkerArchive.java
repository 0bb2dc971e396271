package io.paralab.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The class-data archive child JVMs start from, so they start with ParaLab's and the JDK's classes already parsed.
 * Two kinds, by the JDK ({@link Kind}):
 * <ul>
 *   <li>JDK 25 and newer: an AOT cache (JEP 483/514/515: classes also linked ahead of time, with method profiles).
 *   The first child of a parent JVM, when no cache exists yet, is the training run: it records an AOT
 *   configuration ({@code -XX:AOTMode=record}), which the JVM writes when the child exits normally. The parent
 *   then has a JVM of its own assemble the cache ({@link AotCacheAssembly}); later children map it with
 *   {@code -XX:AOTMode=auto}, under which a cache the JVM cannot use (stale, corrupt) is ignored and the child
 *   starts as it would without one.</li>
 *   <li>Older JDKs: a dynamic class-data-sharing archive, recorded at the first child's exit
 *   ({@code -XX:ArchiveClassesAtExit}) into a temporary file that the parent then moves into place; later children
 *   map it ({@code -XX:SharedArchiveFile}).</li>
 * </ul>
 * The parent JVM's system property {@value #KIND_PROPERTY} ({@code aot}, {@code cds} or {@code none}) chooses
 * another kind, e.g. to compare start times. Archives live in an owner-only directory and are keyed by the java
 * command, its version, the child's own JVM options and the class path's jars (names, sizes, times), so a changed
 * jar gets a new archive and children of different kinds (a pool's workers, a cluster's members, which load other
 * classes and take other options) each record and map their own. Only used when the class path holds jars alone,
 * as the JVM requires, and when the child's own options do not already say how it shares class data
 * ({@code -Xshare:off}, an archive or cache of their own).
 */
final class WorkerArchive {

    /** The parent JVM's system property that chooses the {@link Kind}: {@code aot}, {@code cds} or {@code none}. */
    static final String KIND_PROPERTY = "paralab.childArchive";

    /** Which archive children start from. */
    enum Kind {
        /** JDK 25+: an AOT cache, assembled from a child's recorded configuration. */
        AOT_CACHE(".aot"),
        /** A dynamic CDS archive, written at a child's exit. */
        DYNAMIC_CDS(".jsa"),
        /** None: children start from the JDK's own archive only. */
        NONE("");

        private static final int FIRST_AOT_JDK = 25;
        private final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }

        /**
         * The kind {@code property} names ({@code null}: the best this JDK has); {@code aot} below JDK 25 is
         * dynamic CDS.
         *
         * @throws IllegalArgumentException naming the property and the values it takes
         */
        static Kind of(String property, int javaFeature) {
            Kind best = javaFeature >= FIRST_AOT_JDK ? AOT_CACHE : DYNAMIC_CDS;
            if (property == null) {
                return best;
            }
            return switch (property.strip().toLowerCase(Locale.ROOT)) {
                case "aot" -> best;
                case "cds" -> DYNAMIC_CDS;
                case "none" -> NONE;
                default -> throw new IllegalArgumentException("system property " + KIND_PROPERTY
                        + " must be aot, cds or none, got \"" + property + "\"");
            };
        }
    }

    private static final List<String> QUIET_CDS = List.of("-Xlog:cds*=off:stderr");
    /**
     * What an AOT child logs or prints about its cache stays off its stdout, which carries its channel: the JVM
     * prints some lines on its own output stream whatever the log settings (a recording's end, a thread dump).
     */
    private static final List<String> QUIET_AOT = List.of("-Xlog:cds*=off:stderr", "-Xlog:aot*=off:stderr",
            "-XX:+DisplayVMOutputToStderr");
    private static final int ARCHIVES_KEPT = 4;
    /** The archives a child of this JVM is recording, or this JVM is assembling, now: one recorder per archive. */
    private static final Map<Path, CompletableFuture<Void>> RECORDING = new ConcurrentHashMap<>();

    /** The options for one child and, for the recording child, what becomes of its recording. */
    record Plan(List<String> options, Recording recording) {
        private static final Plan PLAIN = new Plan(List.of(), null);

        /**
         * What to drop from the child's stderr: the line the JVM prints, whatever the log settings, when it has
         * written an AOT configuration at its exit ("AOTConfiguration recorded: FILE"), no news for whoever reads
         * the child's output. A new dropper for each child.
         */
        LineDropper stderrFilter() {
            return recording == null || recording.kind() != Kind.AOT_CACHE ? LineDropper.NONE
                    : new LineDropper(" AOTConfiguration recorded: " + recording.recorded());
        }

        /** Turns a finished recording into the archive; call after the recording child exited. */
        void publish() {
            if (recording != null) {
                recording.publish();
            }
        }
    }

    /**
     * A recording under way: the file the child writes, the archive it becomes, and what a JVM assembling an AOT
     * cache needs to run as the children run (their java command and options, their class path).
     */
    record Recording(Kind kind, Path recorded, Path target, List<String> javaCommand, String classPath) {
        void publish() {
            if (kind == Kind.AOT_CACHE && isRecorded()) {
                AotCacheAssembly.start(javaCommand, classPath, recorded, target)
                        .whenComplete((cache, failure) -> finish());
                return;
            }
            if (isRecorded()) {
                try {
                    Files.move(recorded, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    // no archive this time: children start without it, as they would anyway
                }
            }
            finish();
        }

        private boolean isRecorded() {
            try {
                return Files.size(recorded) > 0;
            } catch (IOException e) {
                return false;
            }
        }

        private void finish() {
            try {
                Files.deleteIfExists(recorded);
                if (Files.isRegularFile(target)) {
                    removeOldArchives(target.getParent(), kind.suffix);
                }
            } catch (IOException e) {
                // nothing more to clean
            } finally {
                CompletableFuture<Void> recording = RECORDING.remove(target);
                if (recording != null) {
                    recording.complete(null);
                }
            }
        }
    }

    private WorkerArchive() {
    }

    /**
     * Waits, at most {@code timeout}, until every recording a child of this JVM started has become an archive or
     * was dropped (its child has to exit first); tests use it.
     */
    static void awaitRecordings(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (CompletableFuture<Void> recording : RECORDING.values()) {
            try {
                recording.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a recording never fails: it ends with or without an archive", e);
            }
        }
    }

    /**
     * The archive options for a child started with {@code javaCommand} (the java binary and ParaLab's options for
     * every child), its own {@code jvmOptions} and {@code classPath}, of the kind the system property names.
     *
     * @throws IllegalArgumentException when {@value #KIND_PROPERTY} names no kind
     */
    static Plan planFor(List<String> javaCommand, String classPath, List<String> jvmOptions) {
        return planFor(Kind.of(System.getProperty(KIND_PROPERTY), Runtime.version().feature()), javaCommand,
                classPath, jvmOptions);
    }

    static Plan planFor(Kind kind, List<String> javaCommand, String classPath, List<String> jvmOptions) {
        if (kind == Kind.NONE || jvmOptions.stream().anyMatch(WorkerArchive::choosesSharing)) {
            return Plan.PLAIN;
        }
        List<Path> jars = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!entry.endsWith(".jar") || !Files.isRegularFile(path)) {
                return Plan.PLAIN;
            }
            jars.add(path);
        }
        try {
            Path dir = directory();
            Path archive = dir.resolve("worker-" + key(javaCommand, jvmOptions, jars) + kind.suffix);
            if (Files.isRegularFile(archive)) {
                return new Plan(mapOptions(kind, archive), null);
            }
            if (RECORDING.putIfAbsent(archive, new CompletableFuture<>()) == null) {
                Path recorded = dir.resolve(archive.getFileName() + ".part-" + ProcessHandle.current().pid());
                List<String> command = new ArrayList<>(javaCommand);
                command.addAll(jvmOptions);
                return new Plan(recordOptions(kind, recorded),
                        new Recording(kind, recorded, archive, List.copyOf(command), classPath));
            }
        } catch (IOException | RuntimeException e) {
            // no archive: children start the plain way
        }
        return Plan.PLAIN;
    }

    /** Whether a child's own option already says how it shares class data, which the archive's options would contradict. */
    private static boolean choosesSharing(String option) {
        return option.startsWith("-Xshare:") || option.startsWith("-XX:SharedArchiveFile")
                || option.startsWith("-XX:ArchiveClassesAtExit") || option.startsWith("-XX:AOT")
                || option.contains("AutoCreateSharedArchive");
    }

    private static List<String> mapOptions(Kind kind, Path archive) {
        return kind == Kind.AOT_CACHE ? quietly(kind, "-XX:AOTMode=auto", "-XX:AOTCache=" + archive)
                : quietly(kind, "-XX:SharedArchiveFile=" + archive);
    }

    private static List<String> recordOptions(Kind kind, Path recorded) {
        return kind == Kind.AOT_CACHE ? quietly(kind, "-XX:AOTMode=record", "-XX:AOTConfiguration=" + recorded)
                : quietly(kind, "-XX:ArchiveClassesAtExit=" + recorded);
    }

    /** {@code options} after the ones that keep the kind's log lines off the child's stdout. */
    private static List<String> quietly(Kind kind, String... options) {
        List<String> all = new ArrayList<>(kind == Kind.AOT_CACHE ? QUIET_AOT : QUIET_CDS);
        all.addAll(List.of(options));
        return all;
    }

    /** Keeps the newest few archives of a kind: each class path change (a rebuilt jar) makes a new one. */
    private static void removeOldArchives(Path dir, String suffix) throws IOException {
        try (var files = Files.list(dir)) {
            List<Path> archives = files.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted(Comparator.comparing(WorkerArchive::modified).reversed()).toList();
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

    /** {@code $XDG_CACHE_HOME/paralab/children} ({@link CacheFolder}), owner-only. */
    static Path directory() throws IOException {
        return CacheFolder.create("children");
    }

    private static String key(List<String> javaCommand, List<String> jvmOptions, List<Path> jars) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            StringBuilder material = new StringBuilder(Runtime.version().toString());
            for (String word : javaCommand) {
                material.append('|').append(word);
            }
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
