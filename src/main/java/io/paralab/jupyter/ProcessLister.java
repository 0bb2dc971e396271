package io.paralab.jupyter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Walks processes into {@link ProcessRow}s in tree order: each parent followed by its children, by pid. */
final class ProcessLister {

    private static final int MAX_COMMAND_LENGTH = 120;
    private static final Set<String> PATH_OPTIONS = Set.of("-cp", "-classpath", "--class-path", "-p", "--module-path");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Comparator<ProcessHandle> BY_PID = Comparator.comparingLong(ProcessHandle::pid);

    private final ProcFs procFs;

    ProcessLister(ProcFs procFs) {
        this.procFs = procFs;
    }

    /** Whether state, memory and thread counts can be read on this system. */
    boolean detailsAvailable() {
        return procFs.available();
    }

    /** {@code root} and all its live descendants. */
    List<ProcessRow> tree(ProcessHandle root) {
        return rows(Stream.concat(Stream.of(root), root.descendants()));
    }

    /** Every live process that runs as the same user as this JVM. */
    List<ProcessRow> sameUser() {
        Optional<String> me = ProcessHandle.current().info().user();
        if (me.isEmpty()) {
            throw new IllegalStateException("this system does not tell which user runs this JVM");
        }
        return rows(ProcessHandle.allProcesses().filter(p -> p.info().user().equals(me)));
    }

    private List<ProcessRow> rows(Stream<ProcessHandle> processes) {
        Map<Long, ProcessHandle> byPid = new LinkedHashMap<>();
        processes.filter(ProcessHandle::isAlive).forEach(p -> byPid.put(p.pid(), p));
        Map<Long, OptionalLong> parents = new HashMap<>();
        byPid.values().forEach(p -> parents.put(p.pid(),
                p.parent().map(parent -> OptionalLong.of(parent.pid())).orElse(OptionalLong.empty())));
        Map<Long, List<ProcessHandle>> children = new HashMap<>();
        List<ProcessHandle> roots = new ArrayList<>();
        for (ProcessHandle p : byPid.values()) {
            OptionalLong parent = parents.get(p.pid());
            if (parent.isPresent() && byPid.containsKey(parent.getAsLong())) {
                children.computeIfAbsent(parent.getAsLong(), k -> new ArrayList<>()).add(p);
            } else {
                roots.add(p);
            }
        }
        List<ProcessRow> rows = new ArrayList<>();
        roots.stream().sorted(BY_PID).forEach(root -> walk(root, 0, children, parents, rows));
        return rows;
    }

    private void walk(ProcessHandle process, int depth, Map<Long, List<ProcessHandle>> children,
                      Map<Long, OptionalLong> parents, List<ProcessRow> rows) {
        rows.add(row(process, depth, parents.get(process.pid())));
        children.getOrDefault(process.pid(), List.of()).stream()
                .sorted(BY_PID)
                .forEach(child -> walk(child, depth + 1, children, parents, rows));
    }

    private ProcessRow row(ProcessHandle process, int depth, OptionalLong parentPid) {
        ProcessHandle.Info info = process.info();
        String command = procFs.commandLine(process.pid()).or(info::commandLine).or(info::command)
                .map(ProcessLister::shortCommand).orElse("?");
        Optional<ProcFs.Status> status = procFs.status(process.pid());
        return new ProcessRow(
                process.pid(),
                parentPid,
                depth,
                command,
                status.flatMap(ProcFs.Status::state),
                info.totalCpuDuration(),
                status.map(ProcFs.Status::rssKiB).orElse(OptionalLong.empty()),
                status.map(ProcFs.Status::threads).orElse(OptionalInt.empty()));
    }

    /**
     * Shortens a command line for a table: the executable's file name instead of its path, {@code …} instead
     * of class path and module path values, a JVM's internal options ({@code -XX:}, {@code -Xlog:}, {@code -Xshare:}) left out, and at most
     * {@value #MAX_COMMAND_LENGTH} characters.
     */
    static String shortCommand(String commandLine) {
        String[] words = WHITESPACE.split(commandLine.strip());
        String executable = words[0].substring(words[0].lastIndexOf('/') + 1);
        boolean java = executable.equals("java");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            String word = i == 0 ? executable : words[i];
            if (java && i > 0 && (word.startsWith("-XX:") || word.startsWith("-Xlog:") || word.startsWith("-Xshare:"))) {
                continue;
            }
            if (i > 0) {
                out.append(' ');
            }
            out.append(word);
            if (PATH_OPTIONS.contains(word) && i + 1 < words.length) {
                out.append(" …");
                i++;
            }
        }
        return out.length() <= MAX_COMMAND_LENGTH ? out.toString() : out.substring(0, MAX_COMMAND_LENGTH - 1) + "…";
    }
}
