package io.paralab.jupyter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads what {@link ProcessHandle} does not tell — scheduler state, resident memory and thread count — from
 * Linux's {@code /proc/<pid>/status}. Where there is no {@code /proc} (macOS, Windows) or the process has gone,
 * it answers "unknown" rather than failing.
 */
final class ProcFs {

    private final Path root;

    /** Reads below {@code root}, e.g. {@code /proc}; tests pass a folder of their own. */
    ProcFs(Path root) {
        this.root = root;
    }

    /** The machine's {@code /proc}. */
    static ProcFs system() {
        return new ProcFs(Path.of("/proc"));
    }

    /** Whether this system has a {@code /proc} to read. */
    boolean available() {
        return Files.isDirectory(root);
    }

    /**
     * The command line of one process from {@code /proc/<pid>/cmdline}, arguments joined by spaces, however long it
     * is ({@link ProcessHandle.Info#commandLine()} gives up on long ones, such as a JVM with a long class path); empty
     * when {@code /proc} is absent, the process has ended, or it has no command line (a kernel thread, a zombie).
     */
    Optional<String> commandLine(long pid) {
        try {
            byte[] bytes = Files.readAllBytes(root.resolve(Long.toString(pid)).resolve("cmdline"));
            String line = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ').strip();
            return line.isEmpty() ? Optional.empty() : Optional.of(line);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The status of one process, or empty when {@code /proc} is absent or the process has ended.
     *
     * @throws UncheckedIOException when the status file exists but cannot be read
     */
    Optional<Status> status(long pid) {
        Path file = root.resolve(Long.toString(pid)).resolve("status");
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (Files.notExists(file.getParent())) {
                return Optional.empty();       // the process ended while its status was read
            }
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String state = null;
        OptionalLong rss = OptionalLong.empty();
        OptionalInt threads = OptionalInt.empty();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String value = line.substring(colon + 1).trim();
            switch (line.substring(0, colon)) {
                case "State" -> state = value;
                case "VmRSS" -> rss = OptionalLong.of(Long.parseLong(value.replace("kB", "").trim()));
                case "Threads" -> threads = OptionalInt.of(Integer.parseInt(value));
                default -> { }
            }
        }
        return Optional.of(new Status(Optional.ofNullable(state), rss, threads));
    }

    /**
     * One process's status as {@code /proc/<pid>/status} gives it.
     *
     * @param state      e.g. {@code "S (sleeping)"}
     * @param rssKiB     resident set size in KiB; absent for kernel threads and zombies
     * @param threads    number of threads
     */
    record Status(Optional<String> state, OptionalLong rssKiB, OptionalInt threads) {
    }
}
