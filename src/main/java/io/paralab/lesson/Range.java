package io.paralab.lesson;

import java.io.Serializable;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The whole numbers {@code lo ≤ n < hi}: one task of the notebooks' prime counts. Serializable, so a
 * {@code ProcessPool} sends it to a worker JVM as Python's {@code multiprocessing} pickles a tuple. Immutable.
 *
 * <pre>{@code
 * List<Range> tasks = Range.split(1_000_000, 8);      // [0, 125000), [125000, 250000), ...
 * long primes = tasks.stream().mapToLong(Primes::count).sum();
 * }</pre>
 *
 * @param lo the first number
 * @param hi one past the last number; at least {@code lo}
 */
public record Range(int lo, int hi) implements Serializable {

    /**
     * Checks {@code lo ≤ hi}.
     *
     * @throws IllegalArgumentException when {@code hi < lo}
     */
    public Range {
        if (hi < lo) {
            throw new IllegalArgumentException("hi must be at least lo " + lo + ", got " + hi);
        }
    }

    /**
     * {@code [0, limit)} cut into {@code parts} consecutive ranges of equal length, the last one taking the
     * remainder. With more parts than numbers, the first ranges are empty.
     *
     * @param limit one past the last number, at least 0
     * @param parts how many ranges, at least 1
     * @return {@code parts} ranges that together hold {@code [0, limit)}, in order
     * @throws IllegalArgumentException when {@code limit} is negative or {@code parts} is not positive
     */
    public static List<Range> split(int limit, int parts) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be at least 0, got " + limit);
        }
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be at least 1, got " + parts);
        }
        int step = limit / parts;
        return IntStream.range(0, parts)
                .mapToObj(i -> new Range(i * step, i == parts - 1 ? limit : (i + 1) * step)).toList();
    }

    /**
     * How many numbers it holds.
     *
     * @return {@code hi - lo}
     */
    public int size() {
        return hi - lo;
    }
}
