package io.paralab.kernel.magics;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used by the kernel's process tree: all threads of this JVM plus the child processes it has waited for
 * (Linux {@code /proc/self/stat}: utime + stime + cutime + cstime). Where {@code /proc} is missing, the JVM's own
 * process CPU time (user + system together, children not included).
 *
 * <pre>{@code
 * ProcessCpuTime before = ProcessCpuTime.now();
 * work();
 * ProcessCpuTime spent = ProcessCpuTime.now().minus(before);
 * }</pre>
 *
 * @param userNanos   CPU time spent in user mode
 * @param systemNanos CPU time spent in the kernel
 */
record ProcessCpuTime(long userNanos, long systemNanos) {

    private static final Path STAT = Path.of("/proc/self/stat");
    private static final long NANOS_PER_TICK = 1_000_000_000L / 100;   // USER_HZ is 100 on Linux

    /** The CPU time used so far. */
    public static ProcessCpuTime now() {
        if (Files.isReadable(STAT)) {
            try {
                return parseStat(Files.readString(STAT));
            } catch (IOException | RuntimeException e) {
                // fall through to the JVM's own figure
            }
        }
        var os = ManagementFactory.getOperatingSystemMXBean();
        long total = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
        return new ProcessCpuTime(total, 0);
    }

    /** Parses the content of {@code /proc/<pid>/stat}. */
    static ProcessCpuTime parseStat(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        long utime = Long.parseLong(fields[11]);
        long stime = Long.parseLong(fields[12]);
        long cutime = Long.parseLong(fields[13]);
        long cstime = Long.parseLong(fields[14]);
        return new ProcessCpuTime((utime + cutime) * NANOS_PER_TICK, (stime + cstime) * NANOS_PER_TICK);
    }

    /** The time used between {@code earlier} and this. */
    public ProcessCpuTime minus(ProcessCpuTime earlier) {
        return new ProcessCpuTime(userNanos - earlier.userNanos, systemNanos - earlier.systemNanos);
    }

    /** User plus system time. */
    public long totalNanos() {
        return userNanos + systemNanos;
    }
}
