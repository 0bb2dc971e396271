package io.paralab.jupyter;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One process in a {@link ProcessTable}, immutable. Fields that the operating system does not report are empty.
 *
 * <pre>{@code
 * ProcessTable table = ProcessTable.of(ProcessHandle.current());
 * for (ProcessRow row : table.rows()) {
 *     System.out.println(row.pid() + " " + row.command());
 * }
 * }</pre>
 *
 * @param pid       process id
 * @param parentPid the parent's process id, if known
 * @param depth     0 for a root of the table, 1 for its children, and so on
 * @param command   the command line, shortened: executable's file name, class path values elided
 * @param state     scheduler state from {@code /proc}, e.g. {@code "S (sleeping)"}
 * @param cpuTime   user plus system CPU time so far
 * @param rssKiB    resident memory in KiB
 * @param threads   number of threads
 */
public record ProcessRow(long pid, OptionalLong parentPid, int depth, String command, Optional<String> state,
                         Optional<Duration> cpuTime, OptionalLong rssKiB, OptionalInt threads) {
}
