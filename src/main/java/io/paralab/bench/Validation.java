package io.paralab.bench;

import java.util.Objects;

/**
 * Whether a measured variant computed the right answer. A fast variant that computes a wrong answer (a
 * counter that loses updates, a sum over half the data) is not a faster way to do the work, so tables mark
 * it {@code WRONG}, charts draw it in the wrong-answer colour with "(wrong answer)" under its bar, and
 * {@link CompareResult#fastest()} passes it over.
 *
 * <p>{@link CompareBenchmark#expect(Object)} checks every run of every measured variant against one expected
 * value; a variant measured elsewhere declares its own with {@link Measurement#validated(Validation)}.
 *
 * <pre>{@code
 * CompareResult r = Bench.compare("counter")
 *         .expect(4 * 250_000L)                        // what every variant must return
 *         .variant("racy ++", () -> countRacy())       // returns e.g. 612_334: marked WRONG
 *         .variant("AtomicLong", () -> countAtomic())  // returns 1_000_000: CORRECT
 *         .run();
 * r.variant("racy ++").validation().wrong();            // true
 * Measurement python = py.measurement("Lock counter").validated(Validation.of(1_000_000, py.result("Lock counter")));
 * }</pre>
 *
 * @param verdict what is known of the answer
 * @param detail  why, e.g. {@code "returned 612,334 in 5 of 5 runs, expected 1,000,000"}; empty when unchecked
 */
public record Validation(Verdict verdict, String detail) {

    /** What is known of a variant's answer. */
    public enum Verdict {
        /** Nobody checked the answer. */
        UNCHECKED,
        /** The answer was checked and right in every run. */
        CORRECT,
        /** The answer was wrong in at least one run. */
        WRONG
    }

    /** Nothing checked. */
    public static final Validation UNCHECKED = new Validation(Verdict.UNCHECKED, "");

    /** Checks both are present. */
    public Validation {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(detail, "detail");
    }

    /** The answer was checked and right; {@code detail} says against what. */
    public static Validation correct(String detail) {
        return new Validation(Verdict.CORRECT, detail);
    }

    /** The answer is wrong; {@code detail} says how. */
    public static Validation wrong(String detail) {
        return new Validation(Verdict.WRONG, detail);
    }

    /**
     * Compares one answer with the expected one: numbers of integral types by value (so {@code 5} and
     * {@code 5L} agree), anything else with {@link Objects#equals}.
     */
    public static Validation of(Object expected, Object actual) {
        return sameAnswer(expected, actual) ? correct("= " + text(expected))
                : wrong("returned " + text(actual) + ", expected " + text(expected));
    }

    /** Whether the verdict is {@link Verdict#WRONG}. */
    public boolean wrong() {
        return verdict == Verdict.WRONG;
    }

    static boolean sameAnswer(Object expected, Object actual) {
        if (expected instanceof Number e && actual instanceof Number a && integral(e) && integral(a)) {
            return e.longValue() == a.longValue();
        }
        return Objects.equals(expected, actual);
    }

    static String text(Object value) {
        return value instanceof Number n && integral(n) ? String.format(java.util.Locale.ROOT, "%,d", n.longValue())
                : String.valueOf(value);
    }

    private static boolean integral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
                || n instanceof java.math.BigInteger && ((java.math.BigInteger) n).bitLength() < 64;
    }
}
