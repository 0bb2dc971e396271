package io.paralab.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Compares named variants of the same work: warm-up rounds, then measured runs, and a
 * {@link CompareResult} with each variant's statistics relative to a baseline. Made by
 * {@link Bench#compare(String)}.
 *
 * <p>Rounds are interleaved: each warm-up round and each measured round runs every variant once, in the
 * order they were added, so a change of machine load hits every variant alike. A variant's result (the
 * value a {@link Callable} returns) is kept reachable so the JIT cannot drop the work. Runs happen on the
 * calling thread; interrupting it stops the run with a {@link java.util.concurrent.CancellationException}.
 *
 * <p>Each run times one call of the variant with {@link System#nanoTime()}; the harness itself costs about
 * 35 ns per run (measured on the 2-core development VM), so work shorter than a few microseconds should
 * loop inside the variant and be reported per call by the notebook.
 *
 * <pre>{@code
 * CompareResult r = Bench.compare("counter, 4 threads x 250,000")
 *         .warmup(10).runs(20)
 *         .variant("synchronized", () -> countWithSynchronized())
 *         .variant("AtomicLong", () -> countWithAtomic())
 *         .variant("LongAdder", () -> countWithAdder())
 *         .baseline("synchronized")
 *         .run();
 * }</pre>
 */
public final class CompareBenchmark extends InterleavedBenchmark<CompareBenchmark> {

    private final Map<String, Variant> variants = new LinkedHashMap<>();
    private String baseline;
    private Object expected;
    private boolean expecting;

    CompareBenchmark(String title) {
        super(title, 10, 20);
    }

    /** Adds a variant whose work returns nothing; it may throw checked exceptions. */
    public CompareBenchmark variant(String name, CheckedRunnable work) {
        Objects.requireNonNull(work, "work");
        return add(name, new Variant.Measured(work.asCallable()));
    }

    /** Adds a variant whose result is kept reachable so the JIT cannot remove the work. */
    public CompareBenchmark variant(String name, Callable<?> work) {
        Objects.requireNonNull(work, "work");
        return add(name, new Variant.Measured(work));
    }

    /**
     * Adds a variant measured elsewhere, e.g. a Python peer's figure or a {@link Bench#measure} with its own
     * run count, to be shown next to the measured ones; it is not run again. The result's parameters say
     * so, with its number of runs; the warm-up, run count and interleaving they record concern only the
     * variants run by this comparison (and are left out when every variant is imported).
     */
    public CompareBenchmark variant(String name, Measurement measuredElsewhere) {
        Objects.requireNonNull(measuredElsewhere, "measuredElsewhere");
        return add(name, new Variant.Imported(measuredElsewhere));
    }

    /**
     * The answer every measured variant must return. Each run's result (warm-up included) is compared with
     * it, numbers of integral types by value ({@code 5} equals {@code 5L}), anything else with
     * {@code equals}; a variant that returned anything else even once is marked {@link Validation.Verdict#WRONG}
     * in the result, its table and its chart, the others {@link Validation.Verdict#CORRECT}. Without it,
     * measured variants are {@link Validation.Verdict#UNCHECKED}.
     *
     * <pre>{@code
     * Bench.compare("counter").expect(4 * 250_000L).variant("racy", () -> racy()).variant("atomic", () -> atomic()).run();
     * }</pre>
     *
     * @param answer what a correct variant returns; may be null
     */
    public CompareBenchmark expect(Object answer) {
        this.expected = answer;
        this.expecting = true;
        return this;
    }

    /** The variant the others are compared with (default: the first added). */
    public CompareBenchmark baseline(String name) {
        this.baseline = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Runs the warm-up and measured rounds and returns the result.
     *
     * @throws IllegalStateException when there is no variant, the baseline is not a variant, or a variant
     *                               threw (its exception is the cause)
     */
    public CompareResult run() {
        if (variants.isEmpty()) {
            throw new IllegalStateException("no variant to run: add one with variant(name, work)");
        }
        String base = baseline != null ? baseline : variants.keySet().iterator().next();
        if (!variants.containsKey(base)) {
            throw new IllegalStateException("baseline '" + base + "' is not a variant; variants: "
                    + String.join(", ", variants.keySet()));
        }
        String startedAt = Instant.now().toString();
        Map<String, Callable<?>> measured = new LinkedHashMap<>();
        Map<String, AnswerCheck> checks = new LinkedHashMap<>();
        variants.forEach((name, variant) -> {
            if (variant instanceof Variant.Measured m) {
                if (expecting) {
                    AnswerCheck check = new AnswerCheck(expected);
                    checks.put(name, check);
                    measured.put(name, () -> check.record(m.work().call()));
                } else {
                    measured.put(name, m.work());
                }
            }
        });
        Map<String, List<Long>> samples = timeRounds("compare", measured, name -> "variant '" + name + "'");
        List<Measurement> results = new ArrayList<>();
        Map<String, String> recorded = recordedParameters();
        if (!measured.isEmpty()) {                 // what the harness did; imported variants had none of it
            recordSchedule(recorded, measured.size() > 1 ? "interleaved: each round runs every variant once"
                    : "one variant run here");
        }
        variants.forEach((name, variant) -> {
            switch (variant) {
                case Variant.Measured m -> results.add(new Measurement(name, samples.get(name),
                        expecting ? checks.get(name).validation() : Validation.UNCHECKED));
                case Variant.Imported i -> {
                    results.add(i.measurement().named(name));
                    recorded.put("variant '" + name + "'", "imported: " + i.measurement().samplesNanos().size()
                            + " runs measured elsewhere, not by this comparison");
                }
            }
        });
        return new CompareResult(title, base, results, recorded, Machine.current(), startedAt);
    }

    private CompareBenchmark add(String name, Variant variant) {
        Objects.requireNonNull(name, "name");
        if (variants.containsKey(name)) {
            throw new IllegalArgumentException("variant '" + name + "' is already defined");
        }
        variants.put(name, variant);
        return this;
    }

    /** Compares each result of one variant with the expected answer and remembers the first wrong one. */
    private static final class AnswerCheck {
        private final Object expected;
        private int runs;
        private int wrong;
        private Object firstWrong;
        private boolean othersDiffer;

        AnswerCheck(Object expected) {
            this.expected = expected;
        }

        Object record(Object result) {
            runs++;
            if (!Validation.sameAnswer(expected, result)) {
                if (wrong++ == 0) {
                    firstWrong = result;
                } else if (!Validation.sameAnswer(firstWrong, result)) {
                    othersDiffer = true;
                }
            }
            return result;
        }

        Validation validation() {
            return wrong == 0 ? Validation.correct("= " + Validation.text(expected) + " in all " + runs + " calls")
                    : Validation.wrong("returned " + Validation.text(firstWrong) + (othersDiffer ? " (and other wrong answers)" : "")
                    + " in " + wrong + " of " + runs + " calls (warm-up and measured), expected " + Validation.text(expected));
        }
    }

    private sealed interface Variant {
        record Measured(Callable<?> work) implements Variant {
        }

        record Imported(Measurement measurement) implements Variant {
        }
    }
}
