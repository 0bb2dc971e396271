package io.paralab.jupyter;

import io.paralab.format.Table;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * A snapshot of this JVM's live platform threads: state, CPU time, the lock each one is blocked on or waits
 * for and which thread holds it, the locks it holds, and where it is. Deadlocked threads are marked. This is
 * what {@code %threads} returns. Virtual threads are not listed: the JVM's thread MXBean reports platform
 * threads only. An immutable snapshot: it does not follow the threads after {@link #capture()}.
 *
 * <pre>{@code
 * ThreadTable threads = ThreadTable.capture();
 * threads.rows().stream().filter(ThreadRow::deadlocked).forEach(System.out::println);
 * display(threads);
 * }</pre>
 *
 * @param rows the threads, by id
 */
public record ThreadTable(List<ThreadRow> rows) implements TableView {

    private static final String NONE = "–";

    /** Copies the rows. */
    public ThreadTable {
        rows = List.copyOf(rows);
    }

    /**
     * Takes a snapshot of the live platform threads of this JVM. Threads are read one by one, so states and locks
     * are not all from one instant.
     *
     * @return the threads by id
     */
    public static ThreadTable capture() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        boolean synchronizers = mx.isSynchronizerUsageSupported();
        ThreadInfo[] infos = mx.dumpAllThreads(mx.isObjectMonitorUsageSupported(), synchronizers);
        long[] deadlockedIds = synchronizers ? mx.findDeadlockedThreads() : mx.findMonitorDeadlockedThreads();
        Set<Long> deadlocked = deadlockedIds == null ? Set.of()
                : LongStream.of(deadlockedIds).boxed().collect(Collectors.toSet());
        boolean cpu = mx.isThreadCpuTimeSupported() && mx.isThreadCpuTimeEnabled();
        List<ThreadRow> rows = new ArrayList<>(infos.length);
        for (ThreadInfo info : infos) {
            if (info == null) {
                continue;
            }
            long cpuNanos = cpu ? mx.getThreadCpuTime(info.getThreadId()) : -1;
            List<String> holds = new ArrayList<>();
            Arrays.stream(info.getLockedMonitors()).map(ThreadTable::describe).forEach(holds::add);
            Arrays.stream(info.getLockedSynchronizers()).map(ThreadTable::describe).forEach(holds::add);
            rows.add(new ThreadRow(
                    info.getThreadId(),
                    info.getThreadName(),
                    info.getThreadState(),
                    deadlocked.contains(info.getThreadId()),
                    cpuNanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(cpuNanos)),
                    Optional.ofNullable(info.getLockInfo()).map(ThreadTable::describe),
                    Optional.ofNullable(info.getLockOwnerName())
                            .map(owner -> owner + " (id " + info.getLockOwnerId() + ")"),
                    holds,
                    where(info.getStackTrace())));
        }
        rows.sort(Comparator.comparingLong(ThreadRow::id));
        return new ThreadTable(rows);
    }

    /**
     * The row of a thread.
     *
     * @param threadId the thread's {@link Thread#threadId()}
     * @return its row, or empty when it was not live (or is virtual) when the snapshot was taken
     */
    public Optional<ThreadRow> row(long threadId) {
        return rows.stream().filter(r -> r.id() == threadId).findFirst();
    }

    /**
     * Where a thread is, as {@code SimpleClassName.method(File.java:12)}: the innermost frame of code outside the
     * JDK, which for a notebook is the line of the cell the thread runs; the innermost frame when all are JDK's.
     */
    private static Optional<String> where(StackTraceElement[] stack) {
        return Arrays.stream(stack).filter(frame -> !isJdk(frame)).findFirst()
                .or(() -> Arrays.stream(stack).findFirst())
                .map(frame -> {
                    String className = frame.getClassName();
                    String location = frame.isNativeMethod() ? "native"
                            : frame.getFileName() == null ? "?"
                            : frame.getLineNumber() < 0 ? frame.getFileName()
                            : frame.getFileName() + ":" + frame.getLineNumber();
                    return className.substring(className.lastIndexOf('.') + 1) + "." + frame.getMethodName()
                            + "(" + location + ")";
                });
    }

    private static boolean isJdk(StackTraceElement frame) {
        String module = frame.getModuleName();
        if (module != null) {
            return module.startsWith("java.") || module.startsWith("jdk.");
        }
        String className = frame.getClassName();
        return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.");
    }

    /** A lock as {@code SimpleClassName@identityHash}, e.g. {@code ReentrantLock$NonfairSync@1b6d3586}. */
    private static String describe(LockInfo lock) {
        String className = lock.getClassName();
        return className.substring(className.lastIndexOf('.') + 1) + "@" + Integer.toHexString(lock.getIdentityHashCode());
    }

    /** The snapshot as a {@link Table}. */
    @Override
    public Table toTable() {
        List<List<String>> cells = new ArrayList<>(rows.size());
        for (ThreadRow row : rows) {
            cells.add(List.of(
                    Long.toString(row.id()),
                    row.name(),
                    row.state() + (row.deadlocked() ? " (DEADLOCKED)" : ""),
                    row.cpuTime().map(Units::seconds).orElse(NONE),
                    row.waitingOn().orElse(NONE),
                    row.lockOwner().orElse(NONE),
                    row.holds().isEmpty() ? NONE : String.join(", ", row.holds()),
                    row.at().orElse(NONE)));
        }
        List<String> notes = new ArrayList<>();
        List<String> deadlocked = rows.stream().filter(ThreadRow::deadlocked).map(ThreadRow::name).toList();
        if (!deadlocked.isEmpty()) {
            notes.add("Deadlock: " + String.join(", ", deadlocked) + " wait for each other.");
        }
        notes.add("Virtual threads are not listed: the JVM's thread MXBean reports platform threads only.");
        return new Table("Live threads of this JVM — " + rows.size(),
                List.of(Table.Column.numeric("id"), Table.Column.text("name"), Table.Column.text("state"),
                        Table.Column.numeric("CPU s"), Table.Column.text("waiting on"), Table.Column.text("held by"),
                        Table.Column.text("holds"), Table.Column.text("at")),
                cells, notes);
    }

    @Override
    public String toString() {
        return toText();
    }
}
