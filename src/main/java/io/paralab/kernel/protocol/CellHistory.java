package io.paralab.kernel.protocol;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The input (and plain-text output) of every cell run in this kernel session, answering Jupyter's
 * {@code history_request}: tail, range and search (sqlite glob patterns, optionally unique).
 *
 * <pre>{@code
 * CellHistory history = new CellHistory();
 * history.add(1, "6*7", "42");
 * history.lookupTail(10, EnumSet.of(HistoryManager.ResultFlag.INCLUDE_OUTPUT));
 * }</pre>
 */
public final class CellHistory implements HistoryManager {

    /** The session number this kernel reports; range requests for session 0 (the current one) also match. */
    public static final int SESSION = 1;

    private record Cell(int number, String input, String output) {
    }

    private final List<Cell> cells = new ArrayList<>();

    /** Records a cell that ran; {@code output} is its result as plain text, or empty. */
    public synchronized void add(int number, String input, String output) {
        cells.add(new Cell(number, input, output == null ? "" : output));
    }

    @Override
    public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        int from = Math.max(0, cells.size() - Math.max(0, length));
        return entries(cells.subList(from, cells.size()), flags);
    }

    @Override
    public synchronized List<HistoryEntry> lookupRange(int session, int start, int stop, Set<ResultFlag> flags) {
        if (session != 0 && session != SESSION) {
            return List.of();
        }
        return entries(cells.stream().filter(c -> c.number() >= start && c.number() < stop).toList(), flags);
    }

    @Override
    public synchronized List<HistoryEntry> search(String pattern, int length, Set<ResultFlag> flags) {
        Pattern regex = globToRegex(pattern);
        List<Cell> matches = cells.stream().filter(c -> regex.matcher(c.input()).matches()).toList();
        if (flags.contains(ResultFlag.UNIQUE)) {
            Map<String, Cell> latest = new LinkedHashMap<>();
            for (Cell cell : matches) {
                latest.remove(cell.input());
                latest.put(cell.input(), cell);
            }
            matches = List.copyOf(latest.values());
        }
        if (length > 0 && matches.size() > length) {
            matches = matches.subList(matches.size() - length, matches.size());
        }
        return entries(matches, flags);
    }

    private static List<HistoryEntry> entries(List<Cell> cells, Set<ResultFlag> flags) {
        boolean withOutput = flags.contains(ResultFlag.INCLUDE_OUTPUT);
        return cells.stream()
                .map(c -> new HistoryEntry(SESSION, c.number(), c.input(), withOutput ? c.output() : null))
                .toList();
    }

    /** Translates an sqlite glob ({@code *}, {@code ?}, {@code [a-z]}, {@code [^x]}) to a regular expression. */
    static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> regex.append("[\\s\\S]*");
                case '?' -> regex.append("[\\s\\S]");
                case '[' -> {
                    int close = glob.indexOf(']', i + 2);
                    if (close < 0) {
                        regex.append("\\[");
                    } else {
                        String body = glob.substring(i + 1, close);
                        regex.append('[').append(body.replace("\\", "\\\\")).append(']');
                        i = close;
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
